import AdvisoryExtraction
import AdvisoryModel
import Testing

/// Microsoft Security Advisory 954474 in five languages; every value below was read off the files.
@Suite("954474 in five languages", .enabled(if: Corpus.isAvailable, "needs ../shared/corpus beside the project (absent in a fresh clone)"))
struct Reference954474Tests {
    struct Expected: CustomTestStringConvertible, Sendable {
        var file: String
        var locale: String
        var title: String
        var subtitle: String
        var published: String
        var updated: String
        var revisions: [(date: String, text: String)]
        var products: [String]
        var questions: [String]
        var testDescription: String { locale }
    }

    static let sc2007 = "System Center Configuration Manager 2007"

    static let documents: [Expected] = [
        Expected(
            file: "zh-cn/SecurityAdvisories/2008/954474.md", locale: "zh-CN",
            title: "Microsoft 安全通报 954474",
            subtitle: "System Center Configuration Manager 2007 阻止部署安全更新",
            published: "2008-06-13", updated: "2008-06-17",
            revisions: [("2008-06-13", "已发布通报。"), ("2008-06-17", "已更新通报，以反映修补程序的可用性。")],
            products: [sc2007, sc2007 + " Service Pack 1"],
            questions: [
                "此通报的适用范围有多大？",
                "如何验证我的部署是否受此通报中描述的问题的影响？",
                "这是否是一个需要 Microsoft 发布安全更新的安全漏洞？",
                "哪些 SMS 版本与此通报相关联？",
                "这是一篇关于非安全更新的安全通报。 不是自相矛盾吗？",
            ]
        ),
        Expected(
            file: "de-de/SecurityAdvisories/2008/954474.md", locale: "de-DE",
            title: "Microsoft-Sicherheitsempfehlung 954474",
            subtitle: "Bereitstellung von Sicherheitsupdates durch System Center Configuration Manager 2007 wird blockiert",
            published: "2008-06-13", updated: "2008-06-17",
            revisions: [
                ("2008-06-13", "Die Empfehlung wurde veröffentlicht."),
                ("2008-06-17", "Aktualisierung der Empfehlung, um auf die Verfügbarkeit der Problembehebung hinzuweisen."),
            ],
            products: [sc2007, sc2007 + " Service Pack 1"],
            questions: [
                "Was genau umfasst diese Empfehlung?",
                "Wie kann ich überprüfen, ob meine Bereitstellungen von dem in dieser Empfehlung beschriebenen Problem betroffen sind?",
                "Ist dies eine Sicherheitsanfälligkeit, für die ein Sicherheitsupdate von Microsoft erforderlich ist?",
                "Für welche Versionen von SMS gilt diese Empfehlung?",
                "Dies ist eine Sicherheitsempfehlung bezüglich eines nicht sicherheitsrelevanten Sicherheitsupdates. Ist das nicht ein Widerspruch?",
            ]
        ),
        Expected(
            file: "samples/ja-jp/SecurityAdvisories/2008/954474.md", locale: "ja-JP",
            title: "マイクロソフト セキュリティ アドバイザリ 954474",
            subtitle: "System Center Configuration Manager 2007 によるセキュリティ更新プログラムの展開がブロックされる",
            published: "2008-06-16", updated: "2008-06-18",
            revisions: [
                ("2008-06-16", "このアドバイザリを公開しました。"),
                ("2008-06-18", "このアドバイザリを更新し、記載の問題に対する修正プログラムが利用可能であることを追記しました。"),
            ],
            products: [sc2007, sc2007 + " Service Pack 1"],
            questions: [
                "このアドバイザリの目的は何ですか?",
                "自分の環境がこのアドバイザリで説明されている問題の影響を受けるかどうかを、どのように検証すれば良いですか?",
                "これは、マイクロソフトがセキュリティ更新プログラムをリリースする必要のあるセキュリティ上の脆弱性ですか?",
                "SMS のどのバージョンがこのアドバイザリに関連しますか?",
                "これは、セキュリティ以外の更新プログラムに関するセキュリティ アドバイザリです。矛盾がありませんか?",
            ]
        ),
        Expected(
            file: "samples/ko-kr/SecurityAdvisories/2008/954474.md", locale: "ko-KR",
            title: "Microsoft 보안 권고 954474",
            subtitle: "System Center Configuration Manager 2007 보안 업데이트 배포 차단",
            published: "2008-06-14", updated: "2008-06-18",
            revisions: [
                ("2008-06-14", "권고가 게시되었습니다."),
                ("2008-06-18", "수정 프로그램 제공을 반영하여 권고가 업데이트되었습니다."),
            ],
            products: [sc2007, sc2007 + " 서비스 팩 1"],
            questions: [
                "이 권고의 범위는 무엇입니까?",
                "내 배포 환경이 이 권고에서 설명한 문제점의 영향을 받는지 확인하려면 어떻게 해야 합니까?",
                "이 문제점은 Microsoft에서 보안 업데이트를 배포해야 하는 보안 취약점입니까?",
                "어떤 SMS 버전이 이 권고와 관련이 있습니까?",
                "이 보안 권고는 비보안 업데이트에 해당됩니다. 모순이 아닙니까?",
            ]
        ),
        Expected(
            file: "samples/es-es/securityinformationdocuments/2008/954474.md", locale: "es-ES",
            title: "Documento informativo sobre seguridad de Microsoft 954474",
            subtitle: "System Center Configuration Manager 2007 bloqueado para implementar actualizaciones de seguridad",
            published: "2008-06-13", updated: "2008-06-17",
            revisions: [
                ("2008-06-13", "Publicación del documento informativo."),
                ("2008-06-17", "Actualización del documento informativo para reflejar la disponibilidad de la corrección."),
            ],
            products: [sc2007, sc2007 + " Service Pack 1"],
            questions: [
                "¿Cuál es el alcance de este documento informativo?",
                "¿Cómo puedo comprobar si mis implementaciones están afectadas por el problema descrito en este documento informativo?",
                "¿Se trata de una vulnerabilidad de la seguridad que requiere la publicación de una actualización de seguridad por parte de Microsoft?",
                "¿Qué versiones de SMS están relacionadas con este documento informativo?",
                "Es un documento informativo sobre seguridad acerca de una actualización no relacionada con la seguridad ¿No es contradictorio?",
            ]
        ),
    ]

    @Test("the record", arguments: documents)
    func record(_ expected: Expected) throws {
        let result = try Corpus.extract(expected.file)
        let advisory = result.advisory
        #expect(advisory.id == "954474")
        #expect(advisory.kind == .advisory)
        #expect(advisory.locale == expected.locale)
        #expect(advisory.assetId == "954474")
        #expect(advisory.tocTitle == "954474")
        #expect(advisory.title == expected.title)
        #expect(advisory.subtitle == expected.subtitle)
        #expect(advisory.published == day(expected.published))
        #expect(advisory.updated == day(expected.updated))
        #expect(advisory.revisions.map { $0.date?.description } == expected.revisions.map(\.date))
        #expect(advisory.revisions.map(\.text) == expected.revisions.map(\.text))
        #expect(advisory.revisions.allSatisfy { $0.version == nil })
        #expect(advisory.kb.contains("954474"))
        #expect(advisory.kbPrimary == "954474")
        #expect(advisory.cves.isEmpty)
        #expect(advisory.products.map(\.name) == expected.products)
        #expect(advisory.faq.map(\.question) == expected.questions)
        #expect(advisory.builtAt?.hasPrefix("2014-04-18T") == true && advisory.builtAt?.hasSuffix("-07:00") == true)
        #expect(!result.diagnostics.contains { $0.severity == .error })
    }

    @Test("zh-CN source lines")
    func zhLines() throws {
        let advisory = try Corpus.extract("zh-cn/SecurityAdvisories/2008/954474.md").advisory
        #expect(advisory.source.lines[.title] == 3)
        #expect(advisory.source.lines[.subtitle] == 14)
        #expect(advisory.source.lines[.dateLine] == 17)
        #expect(advisory.revisions.map(\.line) == [103, 104])
        #expect(advisory.faq.first?.line == 51)
    }
}
