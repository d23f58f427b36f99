// The current constraints and indexes, for `tiescore db migrate` to report and tests to compare.
// Parameters: none. Returns: rows {kind, name, definition} ordered by kind and name.
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
RETURN CASE WHEN owningConstraint IS NULL THEN 'index' ELSE 'constraint' END AS kind,
       name,
       type + ' ' + entityType + ' ' + reduce(s = '', l IN labelsOrTypes | s + ':' + l) + ' ' +
       reduce(s = '', p IN properties | s + ' ' + p) AS definition
ORDER BY kind, name
