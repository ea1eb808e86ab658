package feed

// Feeds written for these tests, shaped like the ones sites publish.

const rss2CDATA = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>  Harbour Gazette  </title>
  <link>https://gazette.example/</link>
  <description>News from the harbour</description>
  <item>
    <title>
      Dredging starts on the old quay
    </title>
    <link>https://gazette.example/2026/03/dredging</link>
    <guid isPermaLink="false">gazette-4411</guid>
    <pubDate>Tue, 03 Mar 2026 07:30:00 +0100</pubDate>
    <dc:creator>Ana Ferreira</dc:creator>
    <category>Harbour</category>
    <category>Works</category>
    <description><![CDATA[<p>The <b>dredger</b> arrived at dawn. <a href="/maps/quay">See the map</a>.</p><img src="img/dredger.jpg" alt="The dredger"><p><a href="javascript:alert(1)">Click</a></p>]]></description>
  </item>
  <item>
    <description>An item with neither title, link, date nor GUID.</description>
  </item>
</channel>
</rss>`

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://slow.example/">
    <title>Slow News</title>
    <link>https://slow.example/</link>
    <items><rdf:Seq><rdf:li resource="https://slow.example/snails"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://slow.example/snails">
    <title>Snail race postponed</title>
    <link>https://slow.example/snails</link>
    <dc:date>2026-02-14T09:00:00Z</dc:date>
    <description>Rain again.</description>
  </item>
</rdf:RDF>`

const atomXMLBase = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
  <title type="text">Field Notes</title>
  <link rel="alternate" href="https://atom.example/blog/"/>
  <id>tag:atom.example,2026:blog</id>
  <updated>2026-04-01T10:00:00Z</updated>
  <entry>
    <title>Lighthouse keepers</title>
    <link rel="alternate" href="posts/lighthouse"/>
    <id>tag:atom.example,2026:lighthouse</id>
    <published>2026-04-01T08:00:00Z</published>
    <updated>2026-04-01T09:00:00Z</updated>
    <author><name>Jo Price</name></author>
    <category term="coast"/>
    <content type="html">&lt;p&gt;Read &lt;a href="../about"&gt;about us&lt;/a&gt; and &lt;a href="notes/1"&gt;the first note&lt;/a&gt;.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;th&gt;Year&lt;/th&gt;&lt;th&gt;Keepers&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;1920&lt;/td&gt;&lt;td&gt;3&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</content>
  </entry>
</feed>`

const jsonFeed11 = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Market Square",
  "home_page_url": "https://market.example/",
  "items": [
    {
      "id": "https://market.example/p/1",
      "url": "https://market.example/p/1",
      "title": "Cheese prices hold",
      "content_html": "<p>Stable <em>again</em>.</p>",
      "date_published": "2026-05-02T12:00:00+02:00",
      "authors": [{"name": "M. Lind"}],
      "tags": ["prices", "cheese"]
    },
    {
      "id": "2",
      "title": "Stall numbers",
      "content_text": "Forty stalls.",
      "tags": "stalls, census"
    }
  ]
}`

const loneEntry = `<?xml version="1.0" encoding="utf-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <title>A single entry</title>
  <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
  <link href="https://lone.example/entry"/>
  <updated>2026-01-05T18:30:02Z</updated>
  <summary>Just the one.</summary>
</entry>`

// latin1 is an RSS feed in ISO-8859-1 that declares no encoding.
var latin1 = []byte("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9 du Port</title>" +
	"<item><title>Cr\xe8me br\xfbl\xe9e \x96 the verdict</title><link>https://cafe.example/creme</link></item></channel></rss>")

// billionLaughs declares nested entities that would expand to gigabytes.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss version="2.0"><channel><title>Laughs &g;</title>
<item><title>Item &g;</title><description>&g;</description></item></channel></rss>`
