import AdvisoryExtraction
import Testing

/// The build trailer's time stamp becomes an ISO 8601 timestamp, or nothing.
@Suite("Build stamps")
struct BuildStampTests {
    @Test("each trailer form of the corpus gives its timestamp", arguments: [
        ("Built at 2014-04-18T13:49:36Z-07:00", "2014-04-18T13:49:36-07:00"),
        ("页面生成时间：2016-07-06 11:07-07:00。", "2016-07-06T11:07:00-07:00"),
        ("页面生成时间：2014-12-03 17:49Z-08:00。", "2014-12-03T17:49:00-08:00"),
        ("页面生成时间 2014-12-03 7:49Z-08:00。", "2014-12-03T07:49:00-08:00"),
        ("页面生成时间：2015-01-02 10:11:12-08:00。", "2015-01-02T10:11:12-08:00"),
        ("页面生成时间：2015-01-02 10:11Z-08:0。", "2015-01-02T10:11:00-08:00"),
        ("Página generada el 2014-05-07 16:30Z-07:00.", "2014-05-07T16:30:00-07:00"),
        ("Page generated 2014-05-07 16:30Z.", "2014-05-07T16:30:00Z"),
        ("Seite generiert am 18.05.2016 um 10:03:00-07:00.", "2016-05-18T10:03:00-07:00"),
        ("Seite am 3.2.2015 um 09:15Z-08:00 generiert.", "2015-02-03T09:15:00-08:00"),
        ("页面生成时间：12.03.2015 г. 9:05:06-07:00。", "2015-03-12T09:05:06-07:00"),
        ("页面生成时间：2015/3/9 10:11-07:00。", "2015-03-09T10:11:00-07:00"),
        ("页面生成时间：2015 年 3 月 9 日 10:11Z-08:00。", "2015-03-09T10:11:00-08:00"),
        ("2015년 3월 9일 10:11Z-08:00에 페이지가 생성되었습니다.", "2015-03-09T10:11:00-08:00"),
        ("页面生成时间：2015-03-09，10:11Z-08:00。", "2015-03-09T10:11:00-08:00"),
        ("页面生成时间：2015-03-09 下午 3:11-08:00。", "2015-03-09T15:11:00-08:00"),
    ])
    func form(_ trailer: String, _ expected: String) {
        #expect(BuildStamp.timestamp(in: trailer) == expected)
    }

    @Test("text without a valid date and time, or with a two-digit year (day or year first?), gives nothing", arguments: [
        "Built at sometime", "页面生成时间：2016-13-06 11:07-07:00。", "2016-07-06 25:07-07:00", "Seite generiert am 31.13.2015 um 10:00.",
        "Seite generiert am 18.11.14 um 7:17Z-08:00.", "页面生成时间：15.11.04 11:08:00-08:00。", "",
    ])
    func none(_ trailer: String) {
        #expect(BuildStamp.timestamp(in: trailer) == nil)
    }
}
