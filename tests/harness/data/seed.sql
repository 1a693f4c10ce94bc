-- Seed used by tests/harness (file form of a suite seed).
CREATE TABLE colors (id INT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO colors VALUES (1, 'red'), (2, 'green'), (3, 'blue');
