using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.NRules;
using GradingEngine.Tests.Batch;

namespace GradingEngine.Tests.BackEnds;

/// <summary>
/// The differential test of the two back ends: a generated province of 10,000 organisations with their teams and
/// members, graded by the plan and by NRules, with and without the members' measures; every result file must be
/// byte-identical (level, total, every item, flags, measures, quota and ranking outcomes, the summary). The first
/// difference fails with its file and line.
/// </summary>
public class ProvinceDifferentialTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void Grade_TenThousandOrganisations_PlanAndNRulesWriteIdenticalFiles(bool memberMeasures)
    {
        var (folder, info) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 10_000, Seed = 77 });
        Assert.That(info.Organisations, Is.EqualTo(10_000));
        var root = Path.Combine(Path.GetTempPath(), "grading-differential-" + Environment.ProcessId);
        try
        {
            var planOut = Path.Combine(root, "plan");
            var nrulesOut = Path.Combine(root, "nrules");
            var options = new BatchOptions { Formats = ResultFormats.Csv | ResultFormats.JsonLines, MemberMeasures = memberMeasures };
            var plan = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(folder), planOut, options);
            var nrules = new ProvinceGrader(ProvinceFixture.Organisation.WithBackEnd(NRulesBackEnd.Instance))
                .Grade(ProvinceFiles.InFolder(folder), nrulesOut, options);

            Assert.That(plan.Files.Sum(f => f.Graded), Is.GreaterThan(200_000));
            var names = Directory.GetFiles(planOut).Select(Path.GetFileName).Order().ToList();
            Assert.That(Directory.GetFiles(nrulesOut).Select(Path.GetFileName).Order(), Is.EqualTo(names));
            foreach (var name in names)
            {
                var expected = File.ReadAllLines(Path.Combine(planOut, name!));
                var actual = File.ReadAllLines(Path.Combine(nrulesOut, name!));
                var line = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
                Assert.That(line, Is.EqualTo(-1), () => $"{name} line {line + 1}:\n plan:   {expected[line]}\n nrules: {actual[line]}");
                Assert.That(actual.Length, Is.EqualTo(expected.Length), name);
            }

            Assert.That(nrules.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected)), Is.EqualTo(plan.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected))));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
