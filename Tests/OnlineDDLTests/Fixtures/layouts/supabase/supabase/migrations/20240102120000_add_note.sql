alter table accounts add column note text;
