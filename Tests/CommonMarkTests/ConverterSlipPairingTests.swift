import CommonMark
import Testing

/// Converter-slip pairing (`Matcher.pairConverterSlips`): in Chinese, Japanese and Korean
/// documents, `**` the TechNet converter wrote against punctuation and that no flanking rule
/// pairs are closed by the next such `**` on their line. Lines are copied from
/// `../shared/corpus/zh-cn/…` (cited by file:line; list markers and indentation dropped); the
/// expected HTML is worked out by hand from CommonMark's "process emphasis", the amendment and
/// the rule.
@Suite("Converter-slip pairing")
struct ConverterSlipPairingTests {
    static let paired: [RenderCase] = [
        RenderCase(name: "WSUS: **https://***servername* (WindowsUpdateServices/18125994.md:65)",
                   markdown: "For example, type **https://***servername* in both boxes.",
                   expected: "<p>For example, type <strong>https://</strong><em>servername</em> in both boxes.</p>\n"),
        RenderCase(name: "WSUS: *Inetpubdir***\\\\AdminScripts** (WindowsUpdateServices/18125803.md:163)",
                   markdown: "Navigate to the directory where adsutil is located: **cd** *Inetpubdir***\\\\AdminScripts**",
                   expected: "<p>Navigate to the directory where adsutil is located: <strong>cd</strong> <em>Inetpubdir</em><strong>\\AdminScripts</strong></p>\n"),
        RenderCase(name: "WSUS: **cd***WSUSInstallDir***\\\\Tools** (WindowsUpdateServices/21740806.md:112)",
                   markdown: "**cd***WSUSInstallDir***\\\\Tools**",
                   expected: "<p><strong>cd</strong><em>WSUSInstallDir</em><strong>\\Tools</strong></p>\n"),
        RenderCase(name: "WSUS: a bold full stop approvals**.** (WindowsUpdateServices/21740820.md:66)",
                   markdown: "Click **OK** after setting all your approvals**.** The **Approval Progress** window",
                   expected: "<p>Click <strong>OK</strong> after setting all your approvals<strong>.</strong> The <strong>Approval Progress</strong> window</p>\n"),
        RenderCase(name: "WSUS: two pairs after emphasis, \\\\ASPNET and \\\\IWAM_ (WindowsUpdateServices/18125782.md:69)",
                   markdown: "type *computer\\_name***\\\\ASPNET** and *computer\\_name***\\\\IWAM\\_***computer\\_name* in the box",
                   expected: "<p>type <em>computer_name</em><strong>\\ASPNET</strong> and <em>computer_name</em><strong>\\IWAM_</strong><em>computer_name</em> in the box</p>\n"),
        RenderCase(name: "bulletin: msiexec /a *Admin Path***\\\\**MSI File **/p …***MSP File* (SecurityBulletins/2007/ms07-024.md:471)",
                   markdown: "**msiexec /a** *Admin Path***\\\\**MSI File **/p C:\\\\AdminUpdate\\\\***MSP File* **SHORTFILENAMES=TRUE**",
                   expected: "<p><strong>msiexec /a</strong> <em>Admin Path</em><strong>\\</strong>MSI File <strong>/p C:\\AdminUpdate\\</strong><em>MSP File</em> <strong>SHORTFILENAMES=TRUE</strong></p>\n"),
        RenderCase(name: "bulletin: a switch **/warnrestart\\[:**x\\] (SecurityBulletins/2006/ms06-005.md:383)",
                   markdown: "**/warnrestart\\[:**x\\]",
                   expected: "<p><strong>/warnrestart[:</strong>x]</p>\n"),
        RenderCase(name: "bulletin: a switch **/log:***path* (SecurityBulletins/2011/ms11-100.md:3604)",
                   markdown: "**/log:***path*",
                   expected: "<p><strong>/log:</strong><em>path</em></p>\n"),
        RenderCase(name: "bulletin: a registry key CLSID**\\\\{…}** (SecurityBulletins/2007/ms07-003.md:194)",
                   markdown: "reg.exe export \"HKEY\\_CLASSES\\_ROOT\\\\CLSID**\\\\{0006F085-0000-0000-C000-000000000046}**\" **c:\\\\MapiCvt\\_Class.reg**",
                   expected: "<p>reg.exe export \"HKEY_CLASSES_ROOT\\CLSID<strong>\\{0006F085-0000-0000-C000-000000000046}</strong>\" <strong>c:\\MapiCvt_Class.reg</strong></p>\n"),
        RenderCase(name: "zh: **https://***servername* before 。 (WindowsUpdateServices/18125839.md:65)",
                   markdown: "例如，在两个框中都键入 **https://***servername*。",
                   expected: "<p>例如，在两个框中都键入 <strong>https://</strong><em>servername</em>。</p>\n"),
        RenderCase(name: "zh: a bold parenthesis (EST**)** (SecurityBulletins/2005/ms05-004.md:155)",
                   markdown: "但是，Microsoft 已经提供了[企业更新扫描工具](https://support.microsoft.com/kb/894193)(EST**)** 来协助客户检测 MBSA 当前不支持但客户需要的安全更新。",
                   expected: "<p>但是，Microsoft 已经提供了<a href=\"https://support.microsoft.com/kb/894193\">企业更新扫描工具</a>(EST<strong>)</strong> 来协助客户检测 MBSA 当前不支持但客户需要的安全更新。</p>\n"),
        RenderCase(name: "zh: a bold quotation mark before Latin, “ counted as non-CJK (SecurityBulletins/2004/ms04-038.md:345)",
                   markdown: "在**“**设置**”**下**，**在**“**ActiveX 控件和插件”部分中的“运行 ActiveX 控件和插件”下，单击“提示”。",
                   expected: "<p>在<strong>“</strong>设置<strong>”</strong>下<strong>，</strong>在<strong>“</strong>ActiveX 控件和插件”部分中的“运行 ActiveX 控件和插件”下，单击“提示”。</p>\n"),
        RenderCase(name: "white space before the closing **, runs touching no CJK (SecurityBulletins/2007/ms07-040.md:1547)",
                   markdown: "**Windows Vista 备注 ** 带有 Service Pack 3 的 Microsoft Systems Management Server 2003 包括对 Windows Vista 易管理性的支持。",
                   expected: "<p><strong>Windows Vista 备注</strong>  带有 Service Pack 3 的 Microsoft Systems Management Server 2003 包括对 Windows Vista 易管理性的支持。</p>\n"),
        RenderCase(name: "ja: the shape of 18125839.md:65 in a Japanese sentence",
                   markdown: "たとえば、両方のボックスに **https://***servername* と入力します。",
                   expected: "<p>たとえば、両方のボックスに <strong>https://</strong><em>servername</em> と入力します。</p>\n"),
        RenderCase(name: "ko: the shape of 18125839.md:65 before a Korean particle",
                   markdown: "예를 들어 두 상자에 모두 **https://***servername*을 입력합니다.",
                   expected: "<p>예를 들어 두 상자에 모두 <strong>https://</strong><em>servername</em>을 입력합니다.</p>\n"),
    ]

    @Test("a Chinese, Japanese or Korean document pairs the converter's slips", arguments: paired)
    func pairs(_ testCase: RenderCase) {
        #expect(html(testCase.markdown, language: .chineseJapaneseKorean) == testCase.expected)
    }

    /// Every Latin case above, read as a de-DE document: CommonMark's output, asterisks shown.
    static let otherLanguage: [RenderCase] = [
        RenderCase(name: "de-DE: **https://***servername*",
                   markdown: "For example, type **https://***servername* in both boxes.",
                   expected: "<p>For example, type **https://**<em>servername</em> in both boxes.</p>\n"),
        RenderCase(name: "de-DE: approvals**.**",
                   markdown: "Click **OK** after setting all your approvals**.** The **Approval Progress** window",
                   expected: "<p>Click <strong>OK</strong> after setting all your approvals**.** The <strong>Approval Progress</strong> window</p>\n"),
        RenderCase(name: "de-DE: **cd***WSUSInstallDir***\\\\Tools**",
                   markdown: "**cd***WSUSInstallDir***\\\\Tools**",
                   expected: "<p><strong>cd</strong><em>WSUSInstallDir</em>**\\Tools**</p>\n"),
        RenderCase(name: "de-DE: white space before the closing **, runs touching no CJK",
                   markdown: "**Windows Vista 备注 ** 带有",
                   expected: "<p>**Windows Vista 备注 ** 带有</p>\n"),
        RenderCase(name: "de-DE: CJK text with the shape of 18125839.md:65",
                   markdown: "例如，在两个框中都键入 **https://***servername*。",
                   expected: "<p>例如，在两个框中都键入 **https://**<em>servername</em>。</p>\n"),
    ]

    @Test("a document in another language renders as before", arguments: otherLanguage)
    func otherLanguages(_ testCase: RenderCase) {
        #expect(html(testCase.markdown, language: .other) == testCase.expected)
        #expect(html(testCase.markdown) == testCase.expected)
    }

    static let left: [RenderCase] = [
        RenderCase(name: "escaped markers stay literal", markdown: "type \\*\\*https://\\*\\*servername",
                   expected: "<p>type **https://**servername</p>\n"),
        RenderCase(name: "a code span stays whole", markdown: "type `**https://***servername*` in both boxes",
                   expected: "<p>type <code>**https://***servername*</code> in both boxes</p>\n"),
        RenderCase(name: "a ** inside a code span is no partner", markdown: "在两个框中键入 **https://`**`servername",
                   expected: "<p>在两个框中键入 **https://<code>**</code>servername</p>\n"),
        RenderCase(name: "a ** in a link destination is no partner", markdown: "见**说明 [文档](https://example.com/a**b)",
                   expected: "<p>见**说明 <a href=\"https://example.com/a**b\">文档</a></p>\n"),
        RenderCase(name: "footnote marks in a raw HTML block (SecurityBulletins/2009/ms09-037.md:1139, ms09-044.md:282)",
                   markdown: "<table>\n<tr>\n<td>Windows Server 2008 Service Pack 2* 以及 **</td>\n<td>RDP 版本 6.0 (KB956744)***</td>\n</tr>\n</table>",
                   expected: "<table>\n<tr>\n<td>Windows Server 2008 Service Pack 2* 以及 **</td>\n<td>RDP 版本 6.0 (KB956744)***</td>\n</tr>\n</table>\n"),
        RenderCase(name: "a lone ** stays (SecurityAdvisories/2016/2755801.md:263)", markdown: "将设置更改为“启用”**。",
                   expected: "<p>将设置更改为“启用”**。</p>\n"),
        RenderCase(name: "the third of three runs has no partner (SecurityAdvisories/2017/4033453.md:66)",
                   markdown: "在“属性”**对话框中，选择“连接到 Active Directory 林”**选项卡，然后记下“用户名”**属性。",
                   expected: "<p>在“属性”<strong>对话框中，选择“连接到 Active Directory 林”</strong>选项卡，然后记下“用户名”**属性。</p>\n"),
        RenderCase(name: "a ** followed by white space does not open (SecurityBulletinSummaries/2005/ms05-jul.md:102)",
                   markdown: "** 受影响的 Office 软件：**", expected: "<p>** 受影响的 Office 软件：**</p>\n"),
        RenderCase(name: "not across a hard break (SecurityBulletinSummaries/2016/ms16-oct.md:6184)",
                   markdown: "(3193713)**  \n（**重要）", expected: "<p>(3193713)**<br />\n（**重要）</p>\n"),
        RenderCase(name: "not across a soft break (the shape of 18125803.md:163 over two lines)",
                   markdown: "cd Inetpubdir**\\\\AdminScripts\nTools**", expected: "<p>cd Inetpubdir**\\AdminScripts\nTools**</p>\n"),
        RenderCase(name: "no pair around bold matched before (WindowsUpdateServices/18126054.md:34)",
                   markdown: "Open Internet Explorer and in the Address bar type: **https://***WSUSServerName***:***portNumber* where",
                   expected: "<p>Open Internet Explorer and in the Address bar type: **https://<em><strong>WSUSServerName</strong></em>:**<em>portNumber</em> where</p>\n"),
        RenderCase(name: "ko: bold then an escaped * (samples/ko-kr/SecurityBulletins/2016/ms16-001.md:66)",
                   markdown: "**대체된 업데이트**\\*", expected: "<p><strong>대체된 업데이트</strong>*</p>\n"),
    ]

    @Test("markers no slip explains stay as they were", arguments: left)
    func leavesAlone(_ testCase: RenderCase) {
        #expect(html(testCase.markdown, language: .chineseJapaneseKorean) == testCase.expected)
    }

    @Test("runs of 10,000 * are not paired")
    func longRuns() {
        let run = String(repeating: "*", count: 10_000)
        let result = MarkdownParser().parse("type " + run + "https://" + run + "servername", language: .chineseJapaneseKorean)
        #expect(HTMLRenderer().render(result.document) == "<p>type " + run + "https://" + run + "servername</p>\n")
        #expect(result.visibleMarkers == [.init(marker: run, line: 1, column: 6), .init(marker: run, line: 1, column: 10_014)])
    }

    @Test("a paired slip is no longer reported; a lone ** still is")
    func visibleMarkers() {
        let msiexec = "**msiexec /a** *Admin Path***\\\\**MSI File **/p C:\\\\adminUpdate\\\\***MSP File***SHORTFILENAMES=TRUE**"  // ms06-037.md:1160
        #expect(MarkdownParser().parse(msiexec, language: .chineseJapaneseKorean).visibleMarkers == [])
        #expect(MarkdownParser().parse(msiexec).visibleMarkers.count == 2)
        let property = "4.  在“属性”**对话框中，选择“连接到 Active Directory 林”**选项卡，然后记下“用户名”**属性。"  // 4033453.md:66
        #expect(MarkdownParser().parse(property, language: .chineseJapaneseKorean).visibleMarkers == [.init(marker: "**", line: 1, column: 58)])
    }

    @Test("the language of a BCP 47 tag", arguments: [
        ("zh-CN", DocumentLanguage.chineseJapaneseKorean), ("zh-Hant-TW", .chineseJapaneseKorean), ("ZH-tw", .chineseJapaneseKorean),
        ("ja-JP", .chineseJapaneseKorean), ("ko", .chineseJapaneseKorean), ("de-DE", .other), ("es-ES", .other),
        ("en-US", .other), ("kok-IN", .other), ("", .other),
    ])
    func language(_ tag: String, _ expected: DocumentLanguage) {
        #expect(DocumentLanguage(tag: tag) == expected)
    }
}
