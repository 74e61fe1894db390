SET application_name = 'flyway';
