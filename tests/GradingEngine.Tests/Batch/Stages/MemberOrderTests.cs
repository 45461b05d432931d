using GradingEngine.Batch.Pipeline;

namespace GradingEngine.Tests.Batch.Stages;

public sealed class MemberOrderTests
{
    private const string Organisations = """
        组织编号,组织名称,省,市,县
        A1,甲,示例省,青岚市,东湖区
        A2,乙,示例省,青岚市,东湖区
        A3,丙,示例省,青岚市,西山县
        """;

    private static bool Grouped(string members)
    {
        using var test = new StageTestContext(Organisations, members: members);
        var (index, _) = IndexStage.Run(test.Context);
        return MemberOrder.GroupedByOrganisation(test.Context, index);
    }

    [Test]
    public void GroupedByOrganisation_EachOrganisationsMembersTogether_InAnyOrderOfOrganisations()
    {
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A3
            m2,A3
            m3,A1
            m4, A1
            m5,A2
            """), Is.True);
    }

    [Test]
    public void GroupedByOrganisation_RowsTheGradingRejects_DoNotSplitAGroup()
    {
        // An unknown organisation, a missing one and a malformed row between two of A1's members: all rejected by
        // the grading, so A1's accepted members still lie together.
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A1
            m2,A9
            m3,
            m4,"A2
            m5,A1
            m6,A2
            """), Is.True);
    }

    [Test]
    public void GroupedByOrganisation_AnOrganisationComingBack_IsNotGrouped()
    {
        Assert.That(Grouped("""
            党员编号,组织编号
            m1,A1
            m2,A2
            m3,A1
            """), Is.False);
    }

    [Test]
    public void ByBytes_RandomPlainFiles_AgreeWithTheRecords()
    {
        var random = new Random(11);
        string[] organisations = ["A1", "A2", "A3", "A9", "", " A1", "A2 ", "\tA3"];
        var grouped = 0;
        for (var file = 0; file < 300; file++)
        {
            var malformed = random.Next(3) == 0;
            var lines = new List<string> { "党员编号,组织编号" };
            var order = organisations.OrderBy(_ => random.Next()).ToArray();
            var run = random.Next(2, 8); // rows of one organisation after another, now and then one out of its place
            for (var row = 0; row < random.Next(0, 30); row++)
            {
                var jump = random.Next(6) == 0 ? random.Next(-2, 3) : 0;
                var organisation = order[((row / run) + jump) & 7];
                var line = random.Next(12) switch
                {
                    0 => string.Empty,
                    1 when malformed => $"m{row},{organisation},extra",
                    2 when malformed => $"m{row}",
                    _ => $"m{row},{organisation}",
                };
                lines.Add(line);
            }

            var newline = random.Next(2) == 0 ? "\n" : "\r\n";
            var members = (random.Next(3) == 0 ? "\uFEFF" : string.Empty) + string.Join(newline, lines) + (random.Next(2) == 0 ? newline : string.Empty);
            using var test = new StageTestContext(Organisations, members: members);
            var (index, _) = IndexStage.Run(test.Context);

            var byBytes = MemberOrder.ByBytes(test.Context, index);
            var byRecords = MemberOrder.ByRecords(test.Context, index);

            Assert.That(byBytes, Is.Not.Null, members);
            if (malformed)
            {
                Assert.That(byBytes == false || byRecords, Is.True, $"grouped by bytes is grouped for the grading: {members}");
            }
            else
            {
                Assert.That(byBytes, Is.EqualTo(byRecords), members);
            }

            grouped += byRecords ? 1 : 0;
        }

        Assert.That(grouped, Is.InRange(30, 270), "both answers occur");
    }

    [Test]
    public void ByBytes_AQuoteOrAnotherEncoding_LeftToTheRecords()
    {
        using (var quoted = new StageTestContext(Organisations, members: "党员编号,组织编号\nm1,A1\nm2,\"A1\"\n"))
        {
            Assert.That(MemberOrder.ByBytes(quoted.Context, IndexStage.Run(quoted.Context).Item1), Is.Null);
            Assert.That(MemberOrder.GroupedByOrganisation(quoted.Context, IndexStage.Run(quoted.Context).Item1), Is.True);
        }

        using var test = new StageTestContext(Organisations, members: "党员编号,组织编号\n");
        var index = IndexStage.Run(test.Context).Item1;
        const string members = "党员编号,组织编号,姓名\nm1,A1,张三\nm2,A2,李四\nm3,A1,王五\n";
        File.WriteAllText(test.Context.Files.Members, members, new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        Assert.That(MemberOrder.ByBytes(test.Context, index), Is.Null, "UTF-16: commas are not single bytes");
        Assert.That(MemberOrder.GroupedByOrganisation(test.Context, index), Is.False);

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(test.Context.Files.Members, System.Text.Encoding.GetEncoding("GB18030").GetBytes(members));
        Assert.That(MemberOrder.ByBytes(test.Context, index), Is.False, "GB18030: read by bytes");
        Assert.That(MemberOrder.ByRecords(test.Context, index), Is.False);
    }

    [Test]
    public void ByBytes_ALineLongerThanAReadAndANonAsciiOrganisation()
    {
        using var test = new StageTestContext(Organisations, members: "党员编号,组织编号\n");
        var index = IndexStage.Run(test.Context).Item1;
        File.WriteAllText(test.Context.Files.Members, $"党员编号,组织编号,备注\nm1,A1,{new string('x', 3 << 20)}\nm2,A2,\nm3,A2,\n");
        Assert.That(MemberOrder.ByBytes(test.Context, index), Is.True);

        File.WriteAllText(test.Context.Files.Members, "党员编号,组织编号\nm1,A1\nm2,A1\u3000\n");
        Assert.That(MemberOrder.ByBytes(test.Context, index), Is.Null, "trimmed as text (U+3000 is a space): left to the records");
    }
}
