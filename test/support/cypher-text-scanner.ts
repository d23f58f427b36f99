/**
 * Finds Cypher text in TypeScript source: string literals, template literals and `+`
 * concatenations whose text reads like a Cypher statement or a fragment of one. docs/design.md:
 * "Cypher text lives only in cypher/; TypeScript never builds Cypher by string concatenation
 * (parameters only)" — a statement assembled from strings is where an injection starts.
 *
 * The source is parsed with the TypeScript compiler, so comments (which may mention MATCH or
 * UNWIND in prose) are never looked at, and a concatenation is judged on all its literal parts
 * joined, with `${…}` standing for each interpolated or concatenated expression.
 */
import ts from 'typescript';

export interface CypherFinding {
  file: string;
  line: number;
  /** How the text was written. */
  kind: 'string' | 'template' | 'concatenation';
  /** The literal text (interpolations shown as `${…}`), shortened. */
  text: string;
}

// Patterns only Cypher writes: a node pattern `(p:Person` / `(:Person`, a relationship pattern
// `-[:PAID]->` / `<-[r]-`, a clause that opens a pattern or a subquery, or an upper-case clause
// followed by a property access. Plain prose ("match the run", "return a score") has none.
const LABEL = '`?[A-Z_][A-Za-z0-9_]*`?';
const CYPHER_SIGNS: readonly RegExp[] = [
  new RegExp(`\\(\\s*[a-z_]\\w*:${LABEL}\\s*[){]`), // (p:Person) or (p:Person {
  new RegExp(`\\(:${LABEL}\\s*[){]`), // (:Person)
  new RegExp(`-\\[[a-z_]?\\w*(?::${LABEL}(?:\\|${LABEL})*)?(?:\\*[\\d.]*)?\\s*(?:\\{[^}]*\\})?\\]->?`), // -[:PAID]-> or -[r]-
  /<-\[/, // <-[
  /\b(?:OPTIONAL\s+MATCH|MATCH|MERGE|CREATE)\s*\(/, // MATCH (
  /\b(?:match|merge|create)\s*\(\s*\w*\s*(?::\s*\w+\s*)?(?:\{[^}]*\}\s*)?\)/i, // match (n), whatever the case
  /\bUNWIND\s+(?:\$\w+|\[|\w+)\s+AS\b/i, // UNWIND $rows AS
  /\bDETACH\s+DELETE\b/i,
  /\bCALL\s*(?:\(\s*[\w\s,]*\)\s*)?\{/i, // CALL { / CALL () {
  /\bCALL\s+(?:db|dbms|apoc|gds)\.\w/i, // procedures
  /\bLOAD\s+CSV\b/i,
  /\b(?:WHERE|SET|RETURN|ORDER BY|REMOVE|WITH)\s+[a-z_]\w*\.[a-z_]\w*/, // WHERE p.id
  /\b(?:MATCH|MERGE|UNWIND|CREATE|RETURN|WITH|WHERE|SET|DELETE|REMOVE|YIELD)\b[^]*\b(?:MATCH|MERGE|UNWIND|CREATE|RETURN|WHERE|SET|DELETE|REMOVE|YIELD|LIMIT|SKIP)\b/, // two upper-case clauses
];

/** Whether a piece of text reads like Cypher (see CYPHER_SIGNS). */
export function looksLikeCypher(text: string): boolean {
  return CYPHER_SIGNS.some((sign) => sign.test(text));
}

const PLACEHOLDER = '${…}';

/** The literal parts of a `+` chain joined (non-literal operands as placeholders); undefined when no part is a string. */
function concatenationText(node: ts.BinaryExpression): string | undefined {
  const parts: string[] = [];
  let sawString = false;
  const visit = (expression: ts.Expression): void => {
    if (ts.isParenthesizedExpression(expression)) return visit(expression.expression);
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      visit(expression.left);
      visit(expression.right);
      return;
    }
    const text = literalText(expression);
    if (text === undefined) parts.push(PLACEHOLDER);
    else {
      sawString = true;
      parts.push(text);
    }
  };
  visit(node);
  return sawString ? parts.join('') : undefined;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => PLACEHOLDER + span.literal.text).join('');
  return undefined;
}

/**
 * Scans one file's source text.
 *
 * @example
 * scanSource('x.ts', 'const q = `MATCH (p:Person {id: "${id}"}) RETURN p`;');
 * // [{ file: 'x.ts', line: 1, kind: 'template', text: 'MATCH (p:Person {id: "${…}"}) RETURN p' }]
 */
export function scanSource(file: string, source: string): CypherFinding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: CypherFinding[] = [];
  const report = (node: ts.Node, kind: CypherFinding['kind'], text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    findings.push({ file, line: line + 1, kind, text: text.length > 120 ? `${text.slice(0, 117)}...` : text });
  };
  const visit = (node: ts.Node): void => {
    // Module specifiers are paths, never statements.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const text = concatenationText(node);
      if (text !== undefined && looksLikeCypher(text)) {
        report(node, 'concatenation', text);
        return; // the parts would only report the same text again
      }
    }
    const text = literalText(node);
    if (text !== undefined && looksLikeCypher(text)) {
      report(node, ts.isTemplateExpression(node) ? 'template' : ts.isStringLiteral(node) ? 'string' : 'template', text);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}
