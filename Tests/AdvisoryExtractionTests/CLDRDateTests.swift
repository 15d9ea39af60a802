import AdvisoryExtraction
import AdvisoryModel
import Testing

/// Dates in the long and medium forms CLDR gives each docset language, read without any
/// hand-written month list; and a language with no pack (Greek, Ukrainian) read from CLDR alone.
@Suite("CLDR dates")
struct CLDRDateTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var locale: String
        var text: String
        var expected: String
        var testDescription: String { "\(locale): \(text)" }
    }

    static let cases: [Case] = [
        Case(locale: "hu-HU", text: "2008. június 23.", expected: "2008-06-23"),
        Case(locale: "hu-HU", text: "2008. jún. 23.", expected: "2008-06-23"),
        Case(locale: "hu-HU", text: "Közzététel dátuma: 2008. október 14., kedd", expected: "2008-10-14"),
        Case(locale: "pl-PL", text: "23 czerwca 2008", expected: "2008-06-23"),
        Case(locale: "pl-PL", text: "14 października 2008", expected: "2008-10-14"),
        Case(locale: "pl-PL", text: "23 cze 2008", expected: "2008-06-23"),
        Case(locale: "cs-CZ", text: "23. června 2008", expected: "2008-06-23"),
        Case(locale: "cs-CZ", text: "1. července 2008", expected: "2008-07-01"),
        Case(locale: "cs-CZ", text: "23. 6. 2008", expected: "2008-06-23"),
        Case(locale: "ru-RU", text: "23 июня 2008 г.", expected: "2008-06-23"),
        Case(locale: "ru-RU", text: "14 октября 2008 г.", expected: "2008-10-14"),
        Case(locale: "fi-FI", text: "23. kesäkuuta 2008", expected: "2008-06-23"),
        Case(locale: "fi-FI", text: "maanantai 1. joulukuuta 2008", expected: "2008-12-01"),
        Case(locale: "tr-TR", text: "23 Haziran 2008", expected: "2008-06-23"),
        Case(locale: "tr-TR", text: "14 Ekim 2008 Salı", expected: "2008-10-14"),
        Case(locale: "da-DK", text: "23. juni 2008", expected: "2008-06-23"),
        Case(locale: "nb-NO", text: "14. oktober 2008", expected: "2008-10-14"),
        Case(locale: "sv-SE", text: "23 juni 2008", expected: "2008-06-23"),
        Case(locale: "nl-NL", text: "14 oktober 2008", expected: "2008-10-14"),
        Case(locale: "pt-BR", text: "23 de junho de 2008", expected: "2008-06-23"),
        Case(locale: "pt-PT", text: "14 de outubro de 2008", expected: "2008-10-14"),
        Case(locale: "it-IT", text: "23 giugno 2008", expected: "2008-06-23"),
        Case(locale: "it-IT", text: "14 ott 2008", expected: "2008-10-14"),
        Case(locale: "es-ES", text: "23 de junio de 2008", expected: "2008-06-23"),
        Case(locale: "ko-KR", text: "2008. 6. 23.", expected: "2008-06-23"),
        Case(locale: "el-GR", text: "23 Ιουνίου 2008", expected: "2008-06-23"),
        Case(locale: "uk-UA", text: "23 червня 2008 р.", expected: "2008-06-23"),
        Case(locale: "ro-RO", text: "14 octombrie 2008", expected: "2008-10-14"),
    ]

    @Test("long and medium dates of each language", arguments: cases)
    func reads(_ c: Case) {
        let reader = DateReader.including(c.locale)
        let atoms = reader.dates(in: c.text, numericOrder: CLDRDateForms.forms(for: c.locale).numericOrder)
        #expect(atoms.first?.date == day(c.expected), "\(atoms.map(\.text))")
    }

    @Test("month names in every CLDR form, genitive included")
    func monthForms() {
        let polish = CLDRDateForms.forms(for: "pl-PL").monthNames
        #expect(polish["czerwca"] == 6)
        #expect(polish["czerwiec"] == 6)
        let finnish = CLDRDateForms.forms(for: "fi-FI").monthNames
        #expect(finnish["kesäkuuta"] == 6)
        #expect(finnish["kesäkuu"] == 6)
        #expect(CLDRDateForms.forms(for: "ru-RU").monthNames["июнь"] == 6)
        #expect(CLDRDateForms.forms(for: "hu-HU").patterns.first == "y. MMMM d.")
    }

    @Test("numeric order from the short pattern")
    func numericOrder() {
        #expect(CLDRDateForms.forms(for: "hu-HU").numericOrder == "ymd")
        #expect(CLDRDateForms.forms(for: "en-US").numericOrder == "mdy")
        #expect(CLDRDateForms.forms(for: "fi-FI").numericOrder == "dmy")
    }

    @Test("a number without separators is not a date")
    func noFalseDate() {
        #expect(DateReader.shared.dates(in: "KB 2008623 build 20080623").isEmpty)
        #expect(DateReader.shared.dates(in: "Version 6.0.6001.18000").isEmpty)
    }
}
