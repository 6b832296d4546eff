/**
 * A read-only model of a Bicep file for tests, from the tree-sitter Bicep grammar (npm
 * `tree-sitter-bicep`'s WebAssembly build, run by `web-tree-sitter`; nothing native, nothing
 * downloaded). It gives the syntax errors, the parameters with their decorators and defaults, the
 * variables, the resources with their type and body, and the outputs; literal values become plain
 * JavaScript, anything computed stays an {@link Expr} with its source text.
 *
 * This is a parser, not the Bicep compiler: it knows nothing of resource types, so what the tests
 * check beyond syntax they check by name (see test/infra/bicep.test.ts).
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

/** A computed value: its Bicep source text. */
export class Expr {
  constructor(readonly text: string, readonly node: Node) {}
  toString(): string {
    return this.text;
  }
}

export type Value = string | number | boolean | null | Expr | Value[] | { [key: string]: Value };

export interface Decorator {
  name: string;
  args: Value[];
}

export interface Param {
  name: string;
  type: string;
  decorators: Decorator[];
  /** The default, or undefined when the parameter has none (the deployment must give it). */
  default: Value | undefined;
  secure: boolean;
  line: number;
}

export interface Resource {
  symbol: string;
  /** e.g. `Microsoft.Web/sites` */
  type: string;
  apiVersion: string;
  /** The body object; for a `[for x in y: {...}]` resource, the loop's body, with `loop` set. */
  body: { [key: string]: Value };
  loop?: { variable: string; over: string };
  existing: boolean;
  line: number;
}

export interface Output {
  name: string;
  type: string;
  value: Value;
  line: number;
}

export interface SyntaxProblem {
  line: number;
  column: number;
  text: string;
}

export interface BicepModel {
  problems: SyntaxProblem[];
  targetScope: string | undefined;
  params: Map<string, Param>;
  vars: Map<string, Value>;
  resources: Resource[];
  outputs: Map<string, Output>;
  /** Identifiers used as values (not as property names, function names or declarations). */
  references: { name: string; line: number }[];
  /** Names a reference may resolve to: parameters, variables, resources and loop variables. */
  declared: Set<string>;
}

let parser: Parser | undefined;

async function getParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

const ESCAPES: Record<string, string> = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };

function stringValue(node: Node): Value {
  const parts = node.namedChildren.filter((c): c is Node => c !== null);
  if (parts.some((c) => c.type === 'interpolation')) return new Expr(node.text, node);
  // A multi-line string ('''...''') has no escapes; its content is the text between the quotes.
  if (node.text.startsWith("'''")) return node.text.slice(3, -3).replace(/^\r?\n/, '');
  return parts.map((c) => (c.type === 'escape_sequence' ? (ESCAPES[c.text] ?? c.text) : c.text)).join('');
}

/** A literal node as JavaScript; anything else as an Expr. */
export function toValue(node: Node): Value {
  switch (node.type) {
    case 'string':
      return stringValue(node);
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'null':
      return null;
    case 'array':
      return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map(toValue);
    case 'object': {
      const result: { [key: string]: Value } = {};
      for (const prop of node.namedChildren) {
        if (!prop || prop.type !== 'object_property') continue;
        const [key, value] = prop.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
        if (!key || !value) continue;
        const name = key.type === 'string' ? String(stringValue(key)) : key.text;
        result[name] = toValue(value);
      }
      return result;
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c): c is Node => c !== null);
      return inner ? toValue(inner) : new Expr(node.text, node);
    }
    default:
      return new Expr(node.text, node);
  }
}

function decoratorsOf(node: Node | undefined): Decorator[] {
  if (!node || node.type !== 'decorators') return [];
  return node.namedChildren
    .filter((d): d is Node => d !== null && d.type === 'decorator')
    .map((d) => {
      const call = d.namedChildren.find((c): c is Node => c !== null);
      if (!call || call.type !== 'call_expression') return { name: call?.text ?? '', args: [] };
      const fn = call.childForFieldName('function');
      const args = call.namedChildren.find((c): c is Node => c !== null && c.type === 'arguments');
      return {
        name: fn?.text ?? '',
        args: (args?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment').map(toValue),
      };
    });
}

function line(node: Node): number {
  return node.startPosition.row + 1;
}

function collectProblems(root: Node): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      problems.push({
        line: line(node),
        column: node.startPosition.column + 1,
        text: node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 60))}`,
      });
      if (node.type === 'ERROR') return;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing || child.type === 'ERROR')) walk(child);
  };
  walk(root);
  return problems;
}

const DECLARATIONS = new Set(['parameter_declaration', 'variable_declaration', 'resource_declaration', 'output_declaration', 'module_declaration', 'type_declaration', 'metadata_declaration']);

function collectReferences(root: Node): { references: { name: string; line: number }[]; loopVariables: string[] } {
  const references: { name: string; line: number }[] = [];
  const loopVariables: string[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'identifier') {
      const parent = node.parent;
      const isDeclarationName = parent && DECLARATIONS.has(parent.type) && parent.namedChildren[0]?.id === node.id;
      const isPropertyKey = parent?.type === 'object_property' && parent.namedChildren[0]?.id === node.id;
      const isFunctionName = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === node.id;
      const isLoopVariable = parent?.type === 'for_statement' && parent.childForFieldName('initializer')?.id === node.id;
      if (isLoopVariable) loopVariables.push(node.text);
      else if (!isDeclarationName && !isPropertyKey && !isFunctionName) references.push({ name: node.text, line: line(node) });
    }
    for (const child of node.namedChildren) if (child) walk(child);
  };
  walk(root);
  return { references, loopVariables };
}

/** Parses Bicep source into the model. */
export async function parseBicep(source: string): Promise<BicepModel> {
  const tree = (await getParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const root = tree.rootNode;
  const model: BicepModel = {
    problems: collectProblems(root),
    targetScope: undefined,
    params: new Map(),
    vars: new Map(),
    resources: [],
    outputs: new Map(),
    references: [],
    declared: new Set(),
  };
  let pendingDecorators: Decorator[] = [];
  for (const node of root.namedChildren) {
    if (!node || node.type === 'comment') continue;
    if (node.type === 'decorators') {
      pendingDecorators = decoratorsOf(node);
      continue;
    }
    const children = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const decorators = pendingDecorators;
    pendingDecorators = [];
    switch (node.type) {
      case 'target_scope_assignment':
        model.targetScope = children[0] ? String(toValue(children[0])) : undefined;
        break;
      case 'parameter_declaration': {
        const [name, type, value] = children;
        if (!name || !type) break;
        model.params.set(name.text, {
          name: name.text,
          type: type.text,
          decorators,
          default: value ? toValue(value) : undefined,
          secure: decorators.some((d) => d.name === 'secure'),
          line: line(node),
        });
        break;
      }
      case 'variable_declaration': {
        const [name, value] = children;
        if (name && value) model.vars.set(name.text, toValue(value));
        break;
      }
      case 'resource_declaration': {
        const [symbol, typeString, ...rest] = children;
        if (!symbol || !typeString) break;
        const [type = '', apiVersion = ''] = String(toValue(typeString)).split('@');
        const bodyNode = rest[rest.length - 1];
        let body: Value = {};
        let loop: Resource['loop'];
        if (bodyNode?.type === 'for_statement') {
          const variable = bodyNode.childForFieldName('initializer');
          const over = bodyNode.namedChildren.filter((c): c is Node => c !== null)[1];
          const inner = bodyNode.childForFieldName('body');
          loop = { variable: variable?.text ?? '', over: over?.text ?? '' };
          body = inner ? toValue(inner) : {};
        } else if (bodyNode) {
          body = toValue(bodyNode);
        }
        model.resources.push({
          symbol: symbol.text,
          type,
          apiVersion,
          body: body && typeof body === 'object' && !Array.isArray(body) && !(body instanceof Expr) ? body : {},
          loop,
          existing: / existing\s*=/.test(node.text.split('\n')[0] ?? ''),
          line: line(node),
        });
        break;
      }
      case 'output_declaration': {
        const [name, type, value] = children;
        if (name && type && value) model.outputs.set(name.text, { name: name.text, type: type.text, value: toValue(value), line: line(node) });
        break;
      }
      default:
        break;
    }
  }
  const { references, loopVariables } = collectReferences(root);
  model.references = references;
  model.declared = new Set([...model.params.keys(), ...model.vars.keys(), ...model.resources.map((r) => r.symbol), ...loopVariables]);
  return model;
}

/** `get(body, 'properties.siteConfig.alwaysOn')`: undefined when a step is missing or computed. */
export function get(value: Value | undefined, path: string): Value | undefined {
  let current: Value | undefined = value;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object' || current instanceof Expr || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}
