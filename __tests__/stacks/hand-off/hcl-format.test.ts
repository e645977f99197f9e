import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { terraformFmt, tidyHcl } from '../../../src/stacks/hand-off/hcl-format';

/** The shape cdktf 0.21 writes with SYNTH_HCL_OUTPUT=true (no indentation, quoted references). */
const CDKTF_HCL = [
  'terraform {',
  'required_providers {',
  '  aws = {',
  'version = "5.100.0"',
  'source = "hashicorp/aws"',
  '}',
  '}',
  'backend "s3" {',
  'bucket = "state"',
  'use_lockfile = true',
  '}',
  '',
  '',
  '}',
  '',
  'provider "aws" {',
  'region = "us-east-1"',
  'alias = "eu_west_1"',
  '}',
  'resource "aws_iam_role" "role" {',
  'assume_role_policy = <<EOF',
  '{',
  '  "Statement": [{ "Condition": { "StringEquals": { "aws:SourceAccount": "${data.aws_caller_identity.account.account_id}" } } }]',
  '}',
  'EOF',
  'name = "x-${var.suffix}"',
  '}',
  'resource "aws_s3_bucket" "bucket" {',
  'bucket = "${aws_iam_role.role.name}"',
  'tags = {',
  'Name = "a { b"',
  'Both = "${aws_iam_role.role.id}-${aws_iam_role.role.name}"',
  '}',
  'provider = "aws.eu_west_1"',
  'depends_on = [',
  '"aws_iam_role.role",',
  '"aws_s3_bucket.other"',
  ']',
  'lifecycle {',
  'prevent_destroy = true',
  'ignore_changes = [',
  '"tags"',
  ']',
  '}',
  '}',
  '',
].join('\n');

describe('tidyHcl', () => {
  const tidy = tidyHcl(CDKTF_HCL, '>= 1.11');
  const lines = tidy.split('\n');

  test("indents every block two spaces per level, closers at their opener's level", () => {
    expect(lines.slice(0, 6)).toEqual([
      'terraform {',
      '  required_version = ">= 1.11"',
      '  required_providers {',
      '    aws = {',
      '      version = "5.100.0"',
      '      source = "hashicorp/aws"',
    ]);
    expect(tidy).toContain('\n  lifecycle {\n    prevent_destroy = true\n    ignore_changes = [\n      tags\n    ]\n  }\n}\n');
  });

  test('writes required_version once, as the first line of the terraform block', () => {
    expect(tidy.match(/required_version/g)).toHaveLength(1);
    expect(tidy).not.toContain('0 = "required_version"');
  });

  test('unquotes provider and depends_on / ignore_changes references', () => {
    expect(tidy).toContain('  provider = aws.eu_west_1\n');
    expect(tidy).toContain('  depends_on = [\n    aws_iam_role.role,\n    aws_s3_bucket.other\n  ]');
  });

  test('unwraps a sole interpolation but not a template of several parts or with text', () => {
    expect(tidy).toContain('  bucket = aws_iam_role.role.name\n');
    expect(tidy).toContain('    Both = "${aws_iam_role.role.id}-${aws_iam_role.role.name}"');
    expect(tidy).toContain('  name = "x-${var.suffix}"');
  });

  test('leaves heredoc content byte for byte and ignores braces inside strings', () => {
    const heredoc = CDKTF_HCL.slice(CDKTF_HCL.indexOf('<<EOF'), CDKTF_HCL.indexOf('\nEOF\n') + 5);
    expect(tidy).toContain(heredoc);
    expect(tidy).toContain('    Name = "a { b"\n');
    expect(lines[lines.length - 2]).toBe('}');
  });

  test('a heredoc reads back as the string cdktf rendered: no added newline', () => {
    const render = (value: string) => tidyHcl(['resource "x" "y" {', `code = <<EOF\n${value.split('\n').join('\n')}\nEOF`, '}', ''].join('\n'), '>= 1').split('\n');
    // A string ending in a newline: the empty last line cdktf adds is dropped.
    expect(render('line one\nline two\n')).toEqual(['resource "x" "y" {', '  code = <<EOF', 'line one', 'line two', 'EOF', '}', '']);
    // A JSON document keeps cdktf's form: the provider compares it as JSON.
    expect(render('{\n  "a": 1\n}')).toEqual(['resource "x" "y" {', '  code = <<EOF', '{', '  "a": 1', '}', 'EOF', '}', '']);
    // Any other string without a final newline: chomp() removes the one the heredoc adds.
    expect(render('#!/bin/sh\necho hi')).toEqual(['resource "x" "y" {', '  code = chomp(<<EOF', '#!/bin/sh', 'echo hi', 'EOF', '  )', '}', '']);
  });

  test('one blank line between top-level blocks, none inside', () => {
    expect(tidy).toContain('}\n\nprovider "aws" {');
    expect(tidy).toContain('}\n\nresource "aws_s3_bucket" "bucket" {');
    expect(tidy).not.toMatch(/\n\n\n/);
    expect(tidy).not.toMatch(/\{\n\n/);
  });
});

// That Terraform accepts the result (`terraform fmt -check` on every HCL stack) is checked by
// `npm run validate`, the tier that has Terraform; jest needs nothing but Node.
describe('terraformFmt', () => {
  test('undefined without Terraform on PATH, so synth still works where only Node is installed', () => {
    const saved = process.env.PATH;
    process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'no-terraform-'));
    try {
      expect(terraformFmt('a = 1\n', 'x.tf')).toBeUndefined();
    } finally {
      process.env.PATH = saved;
    }
  });
});
