// Validates JUnit XML against Jenkins' junit-10.xsd (test/support/junit-10.xsd) with libxml2 compiled to wasm.
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const XSD_PATH = new URL('../../support/junit-10.xsd', import.meta.url);

/**
 * junit-10.xsd plus the two attributes scim-check writes beyond it, declared here so everything else stays strict:
 * `file` on <testcase> (GitLab and GitHub test-report actions link a case to its file with it) and `skipped` on
 * <testsuites> (Maven Surefire and pytest write it; Jenkins ignores attributes it does not know).
 */
export function junitXsd(): string {
  const xsd = readFileSync(XSD_PATH, 'utf8');
  const testcaseGroup = '<xs:attribute name="group" type="xs:string"/>\n        </xs:complexType>\n    </xs:element>\n\n    <xs:element name="testsuite">';
  const testsuitesErrors = '<xs:attribute name="errors" type="xs:string" />\n        </xs:complexType>\n    </xs:element>\n\n</xs:schema>';
  if (!xsd.includes(testcaseGroup) || !xsd.includes(testsuitesErrors)) throw new Error('junit-10.xsd changed: update junitXsd()');
  return xsd
    .replace(testcaseGroup, testcaseGroup.replace('/>\n', '/>\n            <xs:attribute name="file" type="xs:string"/>\n'))
    .replace(testsuitesErrors, testsuitesErrors.replace(' />\n', ' />\n            <xs:attribute name="skipped" type="xs:string" />\n'));
}

/** The schema errors of a document ([] when valid), one line each. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: junitXsd() }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
