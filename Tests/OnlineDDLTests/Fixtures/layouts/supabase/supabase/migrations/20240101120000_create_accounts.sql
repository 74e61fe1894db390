create table accounts (id int primary key);
