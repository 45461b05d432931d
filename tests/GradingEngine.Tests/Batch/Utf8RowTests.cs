using System.Text;
using GradingEngine.Batch.Output;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// Members' and teams' CSV rows are written straight as UTF-8 bytes; they must be the bytes of the row formatted as
/// text (<see cref="ResultFileSink.Block.AppendCsv"/>) and encoded, whatever the cells hold: text a spreadsheet would
/// evaluate, commas, quotes, line breaks, Chinese, flags and measures, a withheld level, a quota note.
/// </summary>
public class Utf8RowTests
{
    private static readonly string[] Texts =
        ["D010100001-001", "", "=HYPERLINK(\"x\")", "+1", "-2", "@A1", "\tx", "a,b", "say \"hi\"", "two\nlines", "党员甲", "'q", "x\r"];

    [TestCase("member-wudai", true, false, true)]
    [TestCase("member-wudai", true, true, false)]
    [TestCase("team-sihao", false, false, true)]
    [TestCase("team-sihao", false, false, false)]
    public void Add_EveryKindOfCell_TheBytesOfTheTextRow(string scheme, bool members, bool hasQuota, bool measures)
    {
        var plan = GoldenCases.Catalogue[scheme].Model;
        var table = new ResultTable(members ? ResultKind.Member : ResultKind.Team, "rows", new ResultFormatter(plan, measures), hasQuota, []);
        var random = new Random(5);
        for (var n = 0; n < 400; n++)
        {
            var frame = plan.Layout.NewFrame();
            frame.Numbers[plan.Level.Index] = random.Next(-1, plan.Levels.Count);
            frame.Numbers[plan.Total.Index] = Math.Round((random.NextDouble() * 200) - 50, random.Next(4));
            foreach (var item in plan.Items)
            {
                frame.Numbers[item.Score.Index] = Math.Round(random.NextDouble() * 30, random.Next(3));
            }

            foreach (var flag in plan.Flags)
            {
                frame.Booleans[flag.Slot.Index] = random.Next(3) == 0;
            }

            foreach (var rule in plan.Rules)
            {
                frame.Booleans[rule.Fired.Index] = random.Next(4) == 0;
                foreach (var action in rule.Actions.Where(a => a.Result is not null && a.Result.Value.Kind == Facts.StorageKind.Text))
                {
                    frame.Texts[action.Result!.Value.Index] = Texts[random.Next(Texts.Length)] + "措施";
                }
            }

            var scores = new CharBuffer();
            if (random.Next(2) == 0)
            {
                table.Formatter.AppendScores(scores, frame);
            }

            var row = new GradedRow
            {
                Id = Texts[random.Next(Texts.Length)],
                Organisation = Texts[random.Next(Texts.Length)],
                Frame = frame,
                Scores = scores.Span,
                Quota = random.Next(3) == 0 ? null : Texts[random.Next(Texts.Length)],
                LastYear = string.Empty,
                Change = string.Empty,
            };

            var text = new CharBuffer();
            ResultFileSink.Block.AppendCsv(table, text, row);
            var expected = new UTF8Encoding(false).GetBytes(text.Span.ToArray());

            using var stream = new MemoryStream();
            var block = new ResultFileSink.Block(table, stream, null, ResultEncoding.Utf8);
            block.Add(row);
            block.Write(0, 1);

            Assert.That(stream.ToArray(), Is.EqualTo(expected), text.Span.ToString());
        }
    }
}
