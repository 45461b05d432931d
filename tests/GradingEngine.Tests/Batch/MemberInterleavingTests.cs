using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// The organisations' results do not depend on whether each organisation's members lie together in the members file
/// (kept as runs) or are interleaved with another's (kept member by member and grouped at the end).
/// </summary>
public sealed class MemberInterleavingTests
{
    [TestCase(1)]
    [TestCase(2)]
    public void Grade_MembersOfTwoOrganisationsInterleaved_SameOrganisationResults(int threads)
    {
        var (sample, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 120, Seed = 31 });
        var interleaved = ProvinceFixture.CopyOf(sample);

        // The members of the file's 10th and 11th organisations taken turn about, each organisation's in its own order.
        var path = Path.Combine(interleaved, "members.csv");
        var lines = File.ReadAllLines(path, Encoding.UTF8).ToList();
        var runs = lines.Skip(1).Select((line, i) => (Organisation: line.Split(',')[1], Line: i + 1))
            .GroupBy(l => l.Organisation).Select(g => g.Select(l => l.Line).ToList()).ToList();
        var (a, b) = (runs[9], runs[10]);
        Assert.That(b[0], Is.EqualTo(a[^1] + 1), "the sample lists each organisation's members together");
        var mixed = new List<string>();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            mixed.AddRange(new[] { a, b }.Where(run => i < run.Count).Select(run => lines[run[i]]));
        }

        lines.RemoveRange(a[0], a.Count + b.Count);
        lines.InsertRange(a[0], mixed);
        File.WriteAllLines(path, lines, new UTF8Encoding(true));

        var options = new BatchOptions { Threads = threads, BlockRecords = 64, Formats = ResultFormats.Csv };
        var together = ProvinceFixture.NewOutputFolder();
        var apart = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(sample), together, options);
        var summary = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(interleaved), apart, options);

        Assert.That(summary.Files.Sum(f => f.Rejected), Is.Zero);
        Assert.That(File.ReadAllBytes(Path.Combine(apart, "organisations.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(together, "organisations.csv"))));
        Assert.That(File.ReadAllLines(Path.Combine(apart, "members.csv")).Order(), Is.EqualTo(File.ReadAllLines(Path.Combine(together, "members.csv")).Order()));
    }
}
