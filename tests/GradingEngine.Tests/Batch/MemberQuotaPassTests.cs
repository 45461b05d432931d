using System.Text;
using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// member-wudai's quotas applied as the members are graded (the file lists each organisation's members together)
/// give the same bytes as a ranking pass over the whole file first, on any number of threads and whatever the blocks
/// an organisation's members fall into.
/// </summary>
public sealed class MemberQuotaPassTests
{
    private static readonly SampleProvinceOptions Corrupt = new() { Organisations = 300, Seed = 12, CorruptRowsPerFile = 7 };

    /// <summary>The corrupt sample with member ids repeated: next to the first, and in a later organisation.</summary>
    private static readonly Lazy<string> WithDuplicates = new(() =>
    {
        var (sample, _) = ProvinceFixture.Province(Corrupt);
        var folder = ProvinceFixture.CopyOf(sample);

        var path = Path.Combine(folder, "members.csv");
        var lines = File.ReadAllLines(path, Encoding.UTF8).ToList();
        lines.Insert(6, lines[5]);
        var later = lines[40].Split(',');
        later[0] = lines[20].Split(',')[0];
        lines[40] = string.Join(',', later);
        File.WriteAllLines(path, lines, new UTF8Encoding(true));
        return folder;
    });

    [TestCase(1, 4096, false)]
    [TestCase(2, 4096, false)]
    [TestCase(2, 5, false)]
    [TestCase(1, 3, false)]
    [TestCase(3, 64, false)]
    [TestCase(2, 4096, true)]
    [TestCase(2, 4, true)]
    public void Grade_QuotasInTheMembersPass_SameBytesAsARankingPass(int threads, int blockRecords, bool duplicates)
    {
        var folder = duplicates ? WithDuplicates.Value : ProvinceFixture.Province(Corrupt).Folder;
        var files = ProvinceFiles.InFolder(folder);
        var inPass = ProvinceFixture.NewOutputFolder();
        var ownPass = ProvinceFixture.NewOutputFolder();
        const ResultFormats formats = ResultFormats.Csv | ResultFormats.JsonLines;

        var inPassLog = new BatchLoggingTests.ListLogger();
        var ownPassLog = new BatchLoggingTests.ListLogger();

        var a = ProvinceFixture.Grader.Grade(files, inPass, new BatchOptions { Threads = threads, BlockRecords = blockRecords, Formats = formats, Logger = inPassLog });
        var b = ProvinceFixture.Grader.Grade(files, ownPass, new BatchOptions { Threads = threads, BlockRecords = blockRecords, Formats = formats, RankMembersInOwnPass = true, Logger = ownPassLog });

        var expected = ProvinceFixture.Files(ownPass);
        var actual = ProvinceFixture.Files(inPass);
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        foreach (var (name, bytes) in expected)
        {
            Assert.That(actual[name], Is.EqualTo(bytes), name);
        }

        static bool RankingPass(BatchLoggingTests.ListLogger log) => log.Entries.Any(e => e.Message.StartsWith("阶段“党员名额排名”", StringComparison.Ordinal));
        Assert.That(RankingPass(inPassLog), Is.False, "the sample lists each organisation's members together: one pass");
        Assert.That(RankingPass(ownPassLog), Is.True);
        var moved = a.BatchRules.Single(r => r.Kind == "党员名额");
        Assert.That(moved.Affected, Is.GreaterThan(0), "the sample moves some members");
        Assert.That(moved, Is.EqualTo(b.BatchRules.Single(r => r.Kind == "党员名额")));
        Assert.That(Encoding.UTF8.GetString(actual["members.csv"]), Does.Contain("由“优秀”调为“合格”"));
        Assert.That(a.Files[2].Rejected, Is.GreaterThan(0), "the corrupt rows are rejected in both");
    }
}
