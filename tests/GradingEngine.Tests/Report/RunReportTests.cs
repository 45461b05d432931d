using GradingEngine.Batch;
using GradingEngine.Batch.Report;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.Report;

/// <summary>
/// The report aggregated while the run commits its rows (<see cref="ReportCollector"/>) against the report read back
/// from the result files afterwards: the same page, byte for byte, on one thread or several; and kept as JSON, the same page again.
/// </summary>
public class RunReportTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void Run_AnyThreads_SameReportAsFromTheResultFiles(int threads)
    {
        var collector = new ReportCollector();
        var results = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ReportProvince.Data), results, new BatchOptions { Threads = threads, Report = collector });

        Assert.That(collector.Report, Is.Not.Null);
        Assert.That(Html(collector.Report!), Is.EqualTo(Html(ProvinceReport.FromFolder(results))));
        Assert.That(ReportJson.Write(collector.Report!), Is.EqualTo(ReportJson.Write(ProvinceReport.FromFolder(results))));
    }

    [Test]
    public void Run_HostileNamesAndSplitMeasures_CountedAsGraded()
    {
        var collector = new ReportCollector();
        var results = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ReportProvince.Data), results, new BatchOptions { Report = collector });

        var measures = ReportProvince.Column(ReportProvince.Csv("organisations.csv"), "措施");
        Assert.That(measures, Has.Some.Contains("软弱涣散").And.Some.Contains("整顿；验收"), "a measure holding ； of its own, which the CSV cell's ； joins");
        var organisations = collector.Report!.Kinds.Single(k => k.Kind == "党组织");
        Assert.That(organisations.Measures.Select(m => m.Label), Has.Some.Contains("整顿；验收"), "counted as one measure");
        Assert.That(organisations.Measures.Select(m => m.Label), Has.None.StartsWith("验收"));
    }

    [Test]
    public void Json_RoundTrip_SamePage()
    {
        var report = ProvinceReport.FromFolder(ReportProvince.Results);

        var again = ReportJson.Read(ReportJson.Write(report));

        Assert.That(Html(again), Is.EqualTo(Html(report)));
    }

    [Test]
    public void Run_Cancelled_CollectsNoReport()
    {
        var collector = new ReportCollector();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Catch<OperationCanceledException>(() => ProvinceFixture.Grader.Grade(
            ProvinceFiles.InFolder(ReportProvince.Data), ProvinceFixture.NewOutputFolder(), new BatchOptions { Report = collector }, cancel.Token));
        Assert.That(collector.Report, Is.Null);
    }

    internal static string Html(ProvinceReport report)
    {
        using var writer = new StringWriter();
        report.WriteHtml(writer);
        return writer.ToString();
    }
}
