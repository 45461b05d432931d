using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json;

namespace GradingEngine.Tests.Engine;

/// <summary>Typed rows bound by a compiled binding give exactly what the dictionary path gives.</summary>
public class TypedRowTests
{
    private static GradingScheme Member => GoldenCases.Catalogue["member-wudai"];

    [Test]
    public void GradeRow_TwoThousandRandomMembers_SameResultsAsTheDictionaryPath()
    {
        foreach (var (name, input) in MemberSamples.Generate(2_000, 4242))
        {
            var expected = JsonConvert.SerializeObject(Member.Grade(input));
            var actual = JsonConvert.SerializeObject(Member.GradeRow(MemberInput.ToFacts(input)));
            Assert.That(actual, Is.EqualTo(expected), name);
        }
    }

    [Test]
    public void GradeRows_RandomMembers_ViewsMatchTheResultsInOrder()
    {
        var samples = MemberSamples.Generate(500, 7);
        var rows = samples.Select(s => MemberInput.ToFacts(s.Input)).ToList();
        var n = 0;
        foreach (var graded in Member.GradeRows(rows))
        {
            var expected = Member.Grade(samples[n].Input, GradingOptions.WithoutExplanation);
            Assert.That(graded.Row, Is.SameAs(rows[n]));
            Assert.That(graded.IsGraded, Is.True);
            Assert.That(graded.Level?.Id, Is.EqualTo(expected.Level?.Id));
            Assert.That(graded.Total, Is.EqualTo(expected.Total));
            Assert.That(graded.Score("五带五争"), Is.EqualTo(expected.Item("五带五争").Score));
            Assert.That(graded.HasFlag("自行脱党"), Is.EqualTo(expected.Flags.Any(f => f.Id == "自行脱党")));
            Assert.That(JsonConvert.SerializeObject(graded.ToResult(GradingOptions.WithoutExplanation)), Is.EqualTo(JsonConvert.SerializeObject(expected)));
            n++;
        }

        Assert.That(n, Is.EqualTo(rows.Count));
    }

    [Test]
    public void GradeRows_LevelAndTotalRead_AllocatesNothingPerRow()
    {
        var rows = MemberSamples.Generate(2_000, 11).Select(s => MemberInput.ToFacts(s.Input)).ToList();
        double Sum(IEnumerable<MemberFacts> batch)
        {
            var sum = 0.0;
            foreach (var graded in Member.GradeRows(batch))
            {
                sum += graded.Total + (graded.Level is null ? 0 : 1);
            }

            return sum;
        }

        Sum(rows); // the binding compiled, the pools grown
        var before = GC.GetAllocatedBytesForCurrentThread();
        Sum(rows);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The enumerators, the frame and the scope of one call: a few hundred bytes, whatever the number of rows. A
        // measure text made per member (most have one) would be tens of kilobytes here.
        Assert.That(allocated, Is.LessThan(4_096), $"{allocated} bytes for {rows.Count} rows");
    }

    [Test]
    public async Task GradeRowsAsync_Stream_SameAsSynchronous()
    {
        var rows = MemberSamples.Generate(50, 9).Select(s => MemberInput.ToFacts(s.Input)).ToList();
        var expected = Member.GradeRows(rows).Select(r => (r.Level?.Id, r.Total)).ToList();
        var actual = new List<(string?, double)>();
        await foreach (var graded in Member.GradeRowsAsync(Stream(rows)))
        {
            actual.Add((graded.Level?.Id, graded.Total));
        }

        Assert.That(actual, Is.EqualTo(expected));

        static async IAsyncEnumerable<MemberFacts> Stream(IEnumerable<MemberFacts> rows)
        {
            foreach (var row in rows)
            {
                await Task.Yield();
                yield return row;
            }
        }
    }

    [Test]
    public void GradeRows_Cancelled_Stops()
    {
        using var cancel = new CancellationTokenSource();
        var rows = MemberSamples.Generate(20, 3).Select(s => MemberInput.ToFacts(s.Input));
        var seen = 0;
        Assert.That(() =>
        {
            foreach (var _ in Member.GradeRows(rows, cancel.Token))
            {
                if (++seen == 5)
                {
                    cancel.Cancel();
                }
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(seen, Is.EqualTo(5));
    }

    [Test]
    public void GradeRowsInParallel_FourThreads_SameResultsInInputOrderAsOneThread()
    {
        var rows = MemberSamples.Generate(3_000, 99).Select(s => MemberInput.ToFacts(s.Input)).ToList();
        var expected = rows.Select(r => JsonConvert.SerializeObject(Member.GradeRow(r, GradingOptions.WithoutExplanation))).ToList();

        var actual = Member.GradeRowsInParallel(rows, GradingOptions.WithoutExplanation with { MaxDegreeOfParallelism = 4 })
            .Select(JsonConvert.SerializeObject).ToList();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void GradeMany_Dictionaries_FourThreads_SameResultsInInputOrderAsOneThread()
    {
        var inputs = MemberSamples.Generate(2_000, 5).Select(s => s.Input).ToList();
        var sequential = Member.GradeMany(inputs).Select(JsonConvert.SerializeObject).ToList();

        var parallel = Member.GradeMany(inputs, GradingOptions.Default with { MaxDegreeOfParallelism = 4 }).Select(JsonConvert.SerializeObject).ToList();

        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void GradeRowsInParallel_ARowThatDoesNotFit_ThrowsItsOwnException()
    {
        var rows = MemberSamples.Generate(200, 3).Select(s => MemberInput.ToFacts(s.Input)).ToList();
        rows[150] = new MemberFacts { Id = "BAD", 参加组织生活次数 = 500, 学习提高 = rows[0].学习提高 };

        Assert.That(() => Member.GradeRowsInParallel(rows).ToList(),
            Throws.InstanceOf<SubjectInputException>().With.Message.Contains("超出范围"));
    }

    [Test]
    public void GradeMany_Parallel_Cancelled_Stops()
    {
        using var cancel = new CancellationTokenSource();
        var inputs = MemberSamples.Generate(5_000, 5).Select(s => s.Input);
        var seen = 0;

        Assert.That(() =>
        {
            foreach (var _ in Member.GradeMany(inputs, GradingOptions.WithoutExplanation with { MaxDegreeOfParallelism = 2 }, cancel.Token))
            {
                if (++seen == 10)
                {
                    cancel.Cancel();
                }
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(seen, Is.LessThan(5_000));
    }

    [Test]
    public void GradingOptions_NoThreads_Refused() =>
        Assert.That(() => GradingOptions.Default with { MaxDegreeOfParallelism = 0 }, Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void GradeRows_ValueOutOfRange_YieldsTheRowWithItsProblem()
    {
        var bad = MemberInput.ToFacts(MemberSamples.Generate(1, 1)[0].Input);
        bad = new MemberFacts { Id = "BAD", 参加组织生活次数 = 500, 学习提高 = bad.学习提高 };

        var graded = Member.GradeRows([bad]).Single();

        Assert.That(graded.IsGraded, Is.False);
        Assert.That(graded.Problems.Select(p => p.Field), Does.Contain("参加组织生活次数"));
        Assert.That(graded.Level, Is.Null);
        Assert.That(() => Member.GradeRow(bad), Throws.InstanceOf<SubjectInputException>().With.Message.Contains("超出范围"));
    }

    [Test]
    public void GradeRow_PropertyOfTheWrongType_ReportedOnceWithPropertyAndInput()
    {
        var e = Assert.Throws<SchemeBindingException>(() => Member.GradeRow(new WrongMember()));
        Assert.That(e!.Message, Does.Contain("WrongMember.参加组织生活次数（Guid）不能给出").And.Contain("WrongMember.处分 的枚举值 Sunday"));
    }

    [Test]
    public void GradeRow_TypeWithoutARequiredInput_ReportedAtBindTime()
    {
        var e = Assert.Throws<SchemeBindingException>(() => GoldenCases.Catalogue["team-sihao"].GradeRow(new WrongMember()));
        Assert.That(e!.Message, Does.Contain("政治素质好测评·班子自评"));
    }

    private sealed class WrongMember
    {
        public Guid 参加组织生活次数 { get; init; }

        public DayOfWeek 处分 { get; init; }
    }
}
