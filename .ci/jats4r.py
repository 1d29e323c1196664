#!/usr/bin/env python3
"""Run the JATS4R schematrons (npm @jats4r/schematrons) over JATS files.

Usage: jats4r.py SCHEMATRON_DIR FILE.xml...

SCHEMATRON_DIR is `schematrons/1.0` of the npm package. Its compiled
schematron (`jats4r.sch.xsl`, XSLT 2.0) runs in Saxon-HE (PyPI `saxonche`).
In version 0.0.6 that file lost the `xsl:function` definitions its rules
call (it holds one empty `<xsl:function/>`), so they are copied back from
`jats4r.sch` before compiling; nothing else is changed. Each file's DOCTYPE is removed before the transform so that no DTD
is fetched from the network (Folio's JATS uses no named entities).

A finding is an SVRL `failed-assert` or `successful-report`. Its severity
is its `role` when the rule gives one, else the suffix of the pattern that
fired it (`permissions-errors` -> error, `kwd-warnings` -> warning).
Prints one line per file and a total; exits 1 when any error or warning was
found, 2 on a usage or processing error.
"""

import re
import sys
import xml.etree.ElementTree as ET

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
FUNCTION = re.compile(r"<xsl:function\b.*?</xsl:function>", re.S)
EMPTY_FUNCTION = re.compile(r"<xsl:function\b[^>]*/>")
DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>", re.S)


def findings(svrl_text):
    """(severity, pattern, message) for every finding in an SVRL report."""
    root = ET.fromstring(svrl_text)
    pattern = ""
    out = []
    for el in root:
        if el.tag == SVRL + "active-pattern":
            pattern = el.get("id") or el.get("name") or ""
        elif el.tag in (SVRL + "failed-assert", SVRL + "successful-report"):
            role = (el.get("role") or "").lower()
            if role in ("info", "information"):
                continue
            if role not in ("error", "warning"):
                role = "warning" if pattern.endswith("warnings") else "error"
            text = " ".join("".join(el.itertext()).split())
            out.append((role, pattern, f"{text} [{el.get('location', '')}]"))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    from saxonche import PySaxonProcessor

    total_err = total_warn = 0
    with PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        with open(f"{argv[1]}/jats4r.sch.xsl", encoding="utf-8") as f:
            compiled = f.read()
        with open(f"{argv[1]}/jats4r.sch", encoding="utf-8") as f:
            functions = "\n".join(FUNCTION.findall(f.read()))
        compiled = EMPTY_FUNCTION.sub(lambda _: functions, compiled)
        try:
            exe = xslt.compile_stylesheet(stylesheet_text=compiled)
        except Exception as e:  # saxonche raises PySaxonApiError
            print(f"jats4r: cannot compile {argv[1]}: {e}", file=sys.stderr)
            return 2
        for path in argv[2:]:
            with open(path, encoding="utf-8") as f:
                text = DOCTYPE.sub("", f.read(), count=1)
            try:
                doc = proc.parse_xml(xml_text=text)
                report = exe.transform_to_string(xdm_node=doc)
                found = findings(report)
            except Exception as e:
                print(f"{path}: FAIL (could not run the schematron: {e})")
                total_err += 1
                continue
            err = sum(1 for f in found if f[0] == "error")
            warn = len(found) - err
            total_err += err
            total_warn += warn
            verdict = "PASS" if not found else "FAIL"
            print(f"{path}: {verdict} ({err} errors, {warn} warnings)")
            for role, pattern, msg in found:
                print(f"  {role}: {pattern}: {msg}")
    print(f"jats4r: {len(argv) - 2} files, {total_err} errors, {total_warn} warnings")
    return 1 if total_err or total_warn else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
