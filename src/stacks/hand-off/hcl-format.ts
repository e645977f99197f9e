import { spawnSync } from 'child_process';

/**
 * cdktf 0.21 writes HCL that Terraform reads but an operations team would not accept as its own:
 * no indentation, references quoted where Terraform wants bare ones (it warns "Quoted references
 * are deprecated"), sole interpolations wrapped in strings, and no `required_version` (its HCL
 * renderer turns that override into `0 = "required_version"`). `tidyHcl` fixes each of those
 * outside heredocs, whose JSON documents stay byte for byte as synthesized; `terraform fmt` then
 * aligns the `=` signs when Terraform is installed. It also corrects cdktf's heredocs, which add a
 * newline to the string they hold (see `heredocLines`): the hand-off must plan empty against state
 * the JSON stacks wrote (scripts/e2e/hand-off.ts found a CloudFront Function and an Image Builder
 * component otherwise replaced).
 */
export function tidyHcl(hcl: string, requiredVersion: string): string {
  const out: string[] = [];
  let heredoc: { marker: string; opening: number; body: string[] } | undefined;
  let referenceList = false;
  let depth = 0;
  for (const raw of hcl.split('\n')) {
    if (heredoc !== undefined) {
      if (raw.trim() !== heredoc.marker) {
        heredoc.body.push(raw);
        continue;
      }
      const { opening, closing, body } = heredocLines(heredoc.body);
      out[heredoc.opening] = out[heredoc.opening].replace(/<<-?\w+$/, `${opening}${heredoc.marker}`);
      out.push(...body, heredoc.marker);
      if (closing) out.push(`${/^ */.exec(out[heredoc.opening])![0]}${closing}`);
      heredoc = undefined;
      continue;
    }
    let line = raw.trim();
    if (line === '') {
      // Blank lines inside a block are cdktf's separators of empty parts; one per gap at top level.
      if (depth === 0 && out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    line = unquoteReferences(line, referenceList);
    if (/^(depends_on|ignore_changes|replace_triggered_by)\s*=\s*\[$/.test(line)) referenceList = true;
    else if (referenceList && line.startsWith(']')) referenceList = false;
    line = unwrapSoleInterpolation(line);

    const { opens, leadingCloses, heredoc: marker } = scan(line);
    // One blank line between top-level blocks, as hand-written Terraform has.
    if (depth === 0 && opens > 0 && out.length > 0 && out[out.length - 1] !== '') out.push('');
    const indent = Math.max(depth - leadingCloses, 0);
    out.push(`${'  '.repeat(indent)}${line}`);
    if (depth === 0 && line === 'terraform {') {
      out.push(`  required_version = ${JSON.stringify(requiredVersion)}`);
    }
    depth += opens;
    if (marker) heredoc = { marker, opening: out.length - 1, body: [] };
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/**
 * cdktf writes a string S as `<<EOF`, S's lines, `EOF`; Terraform reads that as S + "\n". When S
 * ends with a newline its last line is empty and dropping it gives S exactly. Otherwise S + "\n" is
 * harmless only for JSON documents (the provider compares policies as JSON); any other string is
 * wrapped in chomp(), which removes the one newline the heredoc added.
 */
function heredocLines(body: string[]): { opening: string; closing: string; body: string[] } {
  if (body.length > 0 && body[body.length - 1] === '') return { opening: '<<', closing: '', body: body.slice(0, -1) };
  if (/^\s*[[{]/.test(body[0] ?? '')) return { opening: '<<', closing: '', body };
  return { opening: 'chomp(<<', closing: ')', body };
}

/** `provider = "aws.x"` and the items of reference lists, which Terraform wants unquoted. */
function unquoteReferences(line: string, inReferenceList: boolean): string {
  const provider = /^provider\s*=\s*"([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)"$/.exec(line);
  if (provider) return `provider = ${provider[1]}`;
  if (inReferenceList) {
    const item = /^"([A-Za-z_][\w.\-[\]]*)"(,?)$/.exec(line);
    if (item) return `${item[1]}${item[2]}`;
  }
  return line;
}

/** `x = "${a.b.c}"` -> `x = a.b.c` for a plain reference, as `terraform fmt` does. */
function unwrapSoleInterpolation(line: string): string {
  const match = /^(.*?=\s*)"\$\{([A-Za-z_][\w.\-[\]*]*)\}"(,?)$/.exec(line);
  return match ? `${match[1]}${match[2]}${match[3]}` : line;
}

/**
 * Bracket balance of one line outside strings and template interpolations, how many closers it
 * starts with (they belong to the enclosing level), and the marker of a heredoc it opens.
 */
function scan(line: string): { opens: number; leadingCloses: number; heredoc?: string } {
  let opens = 0;
  let leadingCloses = 0;
  let leading = true;
  // Each entry: 's' (inside a string) or a number (brace depth inside a ${ } template).
  const modes: Array<'s' | number> = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const mode = modes[modes.length - 1];
    if (mode === 's') {
      if (c === '\\') i++;
      else if (c === '"') modes.pop();
      else if ((c === '$' || c === '%') && line[i + 1] === '{') {
        modes.push(0);
        i++;
      }
      continue;
    }
    if (typeof mode === 'number') {
      if (c === '"') modes.push('s');
      else if (c === '{') modes[modes.length - 1] = mode + 1;
      else if (c === '}') {
        if (mode === 0) modes.pop();
        else modes[modes.length - 1] = mode - 1;
      }
      continue;
    }
    if (c === '"') {
      modes.push('s');
      leading = false;
    } else if (c === '{' || c === '[' || c === '(') {
      opens++;
      leading = false;
    } else if (c === '}' || c === ']' || c === ')') {
      opens--;
      if (leading) leadingCloses++;
    } else if (c === '#' || (c === '/' && line[i + 1] === '/')) {
      break;
    } else if (c === '<' && line[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_]\w*)$/.exec(line.slice(i));
      if (heredoc) return { opens, leadingCloses, heredoc: heredoc[1] };
      leading = false;
    } else if (c !== ' ' && c !== '\t') {
      leading = false;
    }
  }
  return { opens, leadingCloses };
}

/** `terraform fmt` of one file's text, or undefined when no Terraform is on PATH. */
export function terraformFmt(hcl: string, file: string): string | undefined {
  const result = spawnSync('terraform', ['fmt', '-no-color', '-'], {
    input: hcl,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (result.error || result.status !== 0) {
    throw new Error(`terraform fmt rejected the synthesized ${file}: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stdout;
}
