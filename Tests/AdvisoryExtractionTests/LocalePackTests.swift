import AdvisoryExtraction
import AdvisoryModel
import Testing

/// One case per locale pack: a small bulletin written in the language, with its pack's labels,
/// a severity word in an inflected form, and dates in CLDR's long form. Every expected value
/// is the day and rating written in the lines (23 June 2008, 1 July 2008), not what Herald printed.
@Suite("Locale packs")
struct LocalePackTests {
    struct Pack: CustomTestStringConvertible, Sendable {
        var tag: String
        /// The title, ending in ` - <severity word>`.
        var title: String
        var rating: SeverityRating
        /// `<published label>: <23 June 2008>`.
        var dateLine: String
        /// `<version label>:` (followed by `1.1`).
        var versionLabel: String
        var revisionsLabel: String
        /// 23 June 2008 and 1 July 2008 as the language writes them in a revision entry.
        var firstDay: String
        var secondDay: String
        /// Severity words of the pack, each with the rating it must map to.
        var words: [String: String] = [:]
        var testDescription: String { tag }
    }

    static let packs: [Pack] = [
        Pack(tag: "cs-CZ", title: "Bulletin zabezpečení společnosti Microsoft MS08-067 - Kritická", rating: .critical,
             dateLine: "Publikováno: pondělí 23. června 2008", versionLabel: "Verze", revisionsLabel: "Revize",
             firstDay: "23. června 2008", secondDay: "1. července 2008", words: ["Důležité": "important", "Nízká": "low", "Kritický": "critical"]),
        Pack(tag: "da-DK", title: "Microsoft Security Bulletin MS08-067 - Vigtig", rating: .important,
             dateLine: "Udgivet: 23. juni 2008", versionLabel: "Version", revisionsLabel: "Revisioner",
             firstDay: "23. juni 2008", secondDay: "1. juli 2008", words: ["Kritisk": "critical", "Moderat": "moderate", "Lav": "low"]),
        Pack(tag: "de-DE", title: "Microsoft Security Bulletin MS08-067 - Hoch", rating: .important,
             dateLine: "Veröffentlicht: Montag, 23. Juni 2008", versionLabel: "Version", revisionsLabel: "Versionen",
             firstDay: "23. Juni 2008", secondDay: "1. Juli 2008", words: ["Kritisch": "critical", "Mittel": "moderate", "Niedrig": "low"]),
        Pack(tag: "es-ES", title: "Boletín de seguridad de Microsoft MS08-067 - Crítica", rating: .critical,
             dateLine: "Publicado: lunes, 23 de junio de 2008", versionLabel: "Versión", revisionsLabel: "Revisiones",
             firstDay: "23 de junio de 2008", secondDay: "1 de julio de 2008", words: ["Importante": "important", "Moderada": "moderate", "Baja": "low"]),
        Pack(tag: "fi-FI", title: "Microsoftin tietoturvatiedote MS08-067 - Kriittinen", rating: .critical,
             dateLine: "Julkaistu: maanantai 23. kesäkuuta 2008", versionLabel: "Versio", revisionsLabel: "Versiohistoria",
             firstDay: "23. kesäkuuta 2008", secondDay: "1. heinäkuuta 2008", words: ["Tärkeä": "important", "Kohtalainen": "moderate", "Matala": "low"]),
        Pack(tag: "fr-FR", title: "Bulletin de sécurité Microsoft MS08-067 - Important", rating: .important,
             dateLine: "Publié : lundi 23 juin 2008", versionLabel: "Version", revisionsLabel: "Révisions",
             firstDay: "23 juin 2008", secondDay: "1 juillet 2008", words: ["Critique": "critical", "Modérée": "moderate", "Faible": "low"]),
        Pack(tag: "hu-HU", title: "Microsoft biztonsági közlemény MS08-067 - Kritikus", rating: .critical,
             dateLine: "Közzététel dátuma: 2008. június 23.", versionLabel: "Verzió", revisionsLabel: "Verzióelőzmények",
             firstDay: "2008. június 23.", secondDay: "2008. július 1.", words: ["Fontos": "important", "Mérsékelt": "moderate", "Alacsony": "low"]),
        Pack(tag: "it-IT", title: "Bollettino Microsoft sulla sicurezza MS08-067 - Critico", rating: .critical,
             dateLine: "Data di pubblicazione: lunedì 23 giugno 2008", versionLabel: "Versione", revisionsLabel: "Revisioni",
             firstDay: "23 giugno 2008", secondDay: "1 luglio 2008", words: ["Importante": "important", "Moderata": "moderate", "Bassa": "low"]),
        Pack(tag: "ja-JP", title: "マイクロソフト セキュリティ情報 MS08-067 - 緊急", rating: .critical,
             dateLine: "公開日: 2008年6月23日", versionLabel: "バージョン", revisionsLabel: "更新履歴",
             firstDay: "2008年6月23日", secondDay: "2008年7月1日", words: ["重要": "important", "警告": "moderate", "注意": "low"]),
        Pack(tag: "ko-KR", title: "Microsoft 보안 공지 MS08-067 - 긴급", rating: .critical,
             dateLine: "게시된 날짜: 2008년 6월 23일 월요일", versionLabel: "버전", revisionsLabel: "개정 내역",
             firstDay: "2008년 6월 23일", secondDay: "2008년 7월 1일", words: ["중요": "important", "보통": "moderate", "낮음": "low"]),
        Pack(tag: "nb-NO", title: "Microsoft sikkerhetsbulletin MS08-067 - Kritisk", rating: .critical,
             dateLine: "Publisert: mandag 23. juni 2008", versionLabel: "Versjon", revisionsLabel: "Revisjoner",
             firstDay: "23. juni 2008", secondDay: "1. juli 2008", words: ["Viktig": "important", "Moderat": "moderate", "Lav": "low"]),
        Pack(tag: "nl-NL", title: "Microsoft Security Bulletin MS08-067 - Kritiek", rating: .critical,
             dateLine: "Gepubliceerd: maandag 23 juni 2008", versionLabel: "Versie", revisionsLabel: "Revisies",
             firstDay: "23 juni 2008", secondDay: "1 juli 2008", words: ["Belangrijk": "important", "Gemiddeld": "moderate", "Laag": "low"]),
        Pack(tag: "pl-PL", title: "Biuletyn zabezpieczeń firmy Microsoft MS08-067 - Krytyczne", rating: .critical,
             dateLine: "Opublikowano: poniedziałek, 23 czerwca 2008", versionLabel: "Wersja", revisionsLabel: "Historia zmian",
             firstDay: "23 czerwca 2008", secondDay: "1 lipca 2008", words: ["Ważna": "important", "Umiarkowane": "moderate", "Niska": "low"]),
        Pack(tag: "pt-BR", title: "Boletim de Segurança da Microsoft MS08-067 - Crítico", rating: .critical,
             dateLine: "Publicado: segunda-feira, 23 de junho de 2008", versionLabel: "Versão", revisionsLabel: "Revisões",
             firstDay: "23 de junho de 2008", secondDay: "1 de julho de 2008", words: ["Importante": "important", "Moderado": "moderate", "Baixa": "low"]),
        Pack(tag: "pt-PT", title: "Boletim de Segurança da Microsoft MS08-067 - Importante", rating: .important,
             dateLine: "Data de publicação: 23 de junho de 2008", versionLabel: "Versão", revisionsLabel: "Histórico de revisões",
             firstDay: "23 de junho de 2008", secondDay: "1 de julho de 2008", words: ["Crítica": "critical", "Moderada": "moderate", "Reduzido": "low"]),
        Pack(tag: "ru-RU", title: "Бюллетень по безопасности (Майкрософт) MS08-067 - Критическое", rating: .critical,
             dateLine: "Опубликовано: понедельник, 23 июня 2008 г.", versionLabel: "Версия", revisionsLabel: "Журнал изменений",
             firstDay: "23 июня 2008 г.", secondDay: "1 июля 2008 г.", words: ["Важное": "important", "Средний": "moderate", "Низкая": "low"]),
        Pack(tag: "sv-SE", title: "Microsoft Säkerhetsbulletin MS08-067 - Viktigt", rating: .important,
             dateLine: "Publicerad: måndag 23 juni 2008", versionLabel: "Version", revisionsLabel: "Revisioner",
             firstDay: "23 juni 2008", secondDay: "1 juli 2008", words: ["Kritisk": "critical", "Måttlig": "moderate", "Låg": "low"]),
        Pack(tag: "tr-TR", title: "Microsoft Güvenlik Bülteni MS08-067 - Kritik", rating: .critical,
             dateLine: "Yayımlanma tarihi: 23 Haziran 2008 Pazartesi", versionLabel: "Sürüm", revisionsLabel: "Düzeltmeler",
             firstDay: "23 Haziran 2008", secondDay: "1 Temmuz 2008", words: ["Önemli": "important", "Orta": "moderate", "Düşük": "low"]),
        Pack(tag: "zh-CN", title: "Microsoft 安全公告 MS08-067 - 严重", rating: .critical,
             dateLine: "发布日期: 2008年6月23日", versionLabel: "版本", revisionsLabel: "修订",
             firstDay: "2008 年 6 月 23 日", secondDay: "2008 年 7 月 1 日", words: ["重要": "important", "中等": "moderate", "低": "low"]),
        Pack(tag: "zh-TW", title: "Microsoft 資訊安全公告 MS08-067 - 重大", rating: .critical,
             dateLine: "發佈日期: 2008年6月23日", versionLabel: "版本", revisionsLabel: "修訂",
             firstDay: "2008年6月23日", secondDay: "2008年7月1日", words: ["重要": "important", "中度": "moderate", "低": "low"]),
        Pack(tag: "en-US", title: "Microsoft Security Bulletin MS08-067 - Critical", rating: .critical,
             dateLine: "Published: Monday, June 23, 2008", versionLabel: "Version", revisionsLabel: "Revisions",
             firstDay: "June 23, 2008", secondDay: "July 1, 2008", words: ["Important": "important", "Moderate": "moderate", "Low": "low"]),
    ]

    static func document(_ pack: Pack) -> String {
        """
        ---
        Title: '\(pack.title)'
        ---

        # \(pack.title)

        ## Windows Server (958644)

        \(pack.dateLine)

        **\(pack.versionLabel):** 1.1

        CVE-2008-4250, KB958644.

        #### \(pack.revisionsLabel)

        -   V1.0 (\(pack.firstDay)): A.
        -   V1.1 (\(pack.secondDay)): B.

        """
    }

    @Test("every shipped pack is tested here")
    func everyPackHasACase() {
        let shipped = Set(LocaleCatalog.shared.profiles.map(\.tag))
        #expect(shipped == Set(Self.packs.map(\.tag)))
        for profile in LocaleCatalog.shared.profiles {
            for rating in LocaleProfile.ratings {
                #expect(!(profile.severity[rating] ?? []).isEmpty, "\(profile.tag) has no \(rating) word")
            }
            for (name, labels) in [("published", profile.published), ("revisions", profile.revisions), ("version", profile.version),
                                   ("faq", profile.faq), ("affected", profile.affected), ("workarounds", profile.workarounds),
                                   ("acknowledgments", profile.acknowledgments)] {
                #expect(!labels.isEmpty, "\(profile.tag) has no \(name) label")
            }
        }
    }

    @Test("a bulletin in the pack's language", arguments: packs)
    func bulletin(_ pack: Pack) throws {
        let path = "content/\(pack.tag.lowercased())/SecurityBulletins/2008/ms08-067.md"
        let result = extract(Self.document(pack), path: path, locale: pack.tag)
        let advisory = result.advisory
        #expect(advisory.locale == pack.tag)
        #expect(advisory.published == day("2008-06-23"))
        #expect(advisory.severity?.rating == pack.rating)
        #expect(advisory.version == "1.1")
        #expect(advisory.revisions.map(\.version) == ["1.0", "1.1"])
        #expect(advisory.revisions.map(\.date) == [day("2008-06-23"), day("2008-07-01")])
        #expect(advisory.cves == ["CVE-2008-4250"])
        let unknown = result.diagnostics.filter { [.loc001, .loc002, .loc003, .loc004].contains($0.code) }
        #expect(unknown.isEmpty, "\(unknown.map(\.message))")
        for (word, rating) in pack.words {
            #expect(LocaleCatalog.shared.severityRating(for: word)?.rating == rating, "\(word)")
        }
    }
}
