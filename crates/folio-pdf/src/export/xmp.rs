//! The XMP metadata packet: the document's metadata as Dublin Core, XMP
//! and PDF properties, with a document ID derived from the file ID, and
//! the PDF/UA-1 identification (`pdfuaid:part`, with the extension schema
//! that declares it, as PDF/A-style validators want).

use super::meta::{DocMeta, PRODUCER};
use chrono::{DateTime, Utc};
use pdf_writer::{Pdf, Ref};
use std::fmt::Write as _;

/// Writes the XMP packet of `meta` as the metadata stream `xmp`, its
/// document ID derived from the file ID `id`.
pub(crate) fn write_xmp(pdf: &mut Pdf, xmp: Ref, meta: &DocMeta, id: &[u8; 16]) {
    let packet = xmp_packet(meta, meta.time, id, PRODUCER);
    pdf.metadata(xmp, packet.as_bytes());
}

/// The PDF/UA-1 identification (ISO 14289-1, 5) and the PDF/A extension
/// schema that declares its property.
const PDFUA_ID: &str = r#"<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"#;

/// XML-escapes `s` for the XMP packet (quick-xml's escaping); control
/// characters XML cannot carry are dropped first.
fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            ((c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
                && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// The XMP packet for `meta`, dated `time`, its document and instance
/// IDs derived from the file ID `id`.
fn xmp_packet(meta: &DocMeta, time: DateTime<Utc>, id: &[u8; 16], producer: &str) -> String {
    let ts = time.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let uuid = {
        let mut d = [0u8; 32];
        d[..16].copy_from_slice(id);
        d[16..].copy_from_slice(id);
        folio_core::meta::uuid(&d)
    };
    let lang = if meta.language.trim().is_empty() {
        "und"
    } else {
        meta.language.trim()
    };
    let mut x = String::new();
    x.push_str("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n");
    let _ = writeln!(
        x,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        xml_escape(&meta.title)
    );
    let creators = &meta.creators;
    if !creators.is_empty() {
        x.push_str("<dc:creator><rdf:Seq>");
        for c in creators {
            let _ = write!(x, "<rdf:li>{}</rdf:li>", xml_escape(c));
        }
        x.push_str("</rdf:Seq></dc:creator>\n");
    }
    if let Some(s) = &meta.subject {
        let _ = writeln!(
            x,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            xml_escape(s)
        );
    }
    let _ = writeln!(
        x,
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
        xml_escape(lang)
    );
    if let Some(d) = meta.date {
        let _ = writeln!(
            x,
            "<dc:date><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:date>",
            d.format("%Y-%m-%d")
        );
    }
    if let Some(r) = &meta.rights {
        let _ = writeln!(
            x,
            "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:rights>",
            xml_escape(r)
        );
    }
    if let Some(p) = &meta.publisher {
        let _ = writeln!(
            x,
            "<dc:publisher><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:publisher>",
            xml_escape(p)
        );
    }
    if let Some(u) = &meta.source {
        let _ = writeln!(x, "<dc:source>{}</dc:source>", xml_escape(u));
    }
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    let _ = writeln!(x, "<xmp:CreateDate>{ts}</xmp:CreateDate>");
    let _ = writeln!(x, "<xmp:ModifyDate>{ts}</xmp:ModifyDate>");
    let _ = writeln!(x, "<xmp:MetadataDate>{ts}</xmp:MetadataDate>");
    x.push_str("<xmp:CreatorTool>Folio</xmp:CreatorTool>\n");
    let _ = writeln!(x, "<pdf:Producer>{}</pdf:Producer>", xml_escape(producer));
    let _ = writeln!(x, "<xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>");
    let _ = writeln!(x, "<xmpMM:InstanceID>uuid:{uuid}</xmpMM:InstanceID>");
    x.push_str("</rdf:Description>\n");
    x.push_str(PDFUA_ID);
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x
}
