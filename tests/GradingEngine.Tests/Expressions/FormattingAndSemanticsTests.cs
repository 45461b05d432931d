using System.Globalization;
using System.Linq.Expressions;
using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

public class FormattingAndSemanticsTests
{
    [TestCase(7.0, "7")]
    [TestCase(0.92, "0.92")]
    [TestCase(85.5, "85.5")]
    [TestCase(85.50000001, "85.5")]
    [TestCase(1.0 / 3, "0.3333")]
    [TestCase(2.0 / 3, "0.6667")]
    [TestCase(0.00005, "0.0001")]
    [TestCase(-0.00001, "0")]
    [TestCase(-0.0, "0")]
    [TestCase(-12.25, "-12.25")]
    [TestCase(1234567.5, "1234567.5")]
    public void FormatNumber_AtMostFourDecimalsTrimmed(double value, string expected)
    {
        Assert.That(ValueFormatter.Format(value, ExprType.Number), Is.EqualTo(expected));
    }

    [Test]
    public void Format_EachKind_HasItsDocumentedForm()
    {
        Assert.That(ValueFormatter.Format(12, ExprType.Integer), Is.EqualTo("12"));
        Assert.That(ValueFormatter.Format(true), Is.EqualTo("是"));
        Assert.That(ValueFormatter.Format(false), Is.EqualTo("否"));
        Assert.That(ValueFormatter.Format(Schema.Day("2024-06-30"), ExprType.Date), Is.EqualTo("2024-06-30"));
        Assert.That(ValueFormatter.Format(2, Schema.等级Type), Is.EqualTo("一般"));
        Assert.That(ValueFormatter.Format(9, Schema.等级Type), Is.EqualTo("9"));
        Assert.That(ValueFormatter.Format((string?)null), Is.EqualTo(string.Empty));
        Assert.That(ValueFormatter.Format(Value.FromText("文本"), ExprType.Text), Is.EqualTo("文本"));
    }

    [Test]
    public void Round_FastPathEqualsTheDecimalDefinition()
    {
        var random = new Random(11);
        for (var i = 0; i < 50_000; i++)
        {
            var digits = random.Next(0, 7);
            var value = random.Next(4) switch
            {
                0 => random.Next(-100_000, 100_000) / Math.Pow(10, random.Next(0, 6)),
                1 => (random.Next(-10_000, 10_000) + 0.5) / Math.Pow(10, digits),
                2 => random.NextDouble() * 100 * (random.Next(2) == 0 ? -1 : 1),
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 12)),
            };
            var reference = (double)Math.Round((decimal)value, digits, MidpointRounding.AwayFromZero);
            reference = reference == 0 ? 0 : reference;
            Assert.That(Semantics.Round(value, digits), Is.EqualTo(reference), $"round({value:R}, {digits})");
        }
    }

    [Test]
    public void FormatNumber_FastPathsWriteWhatTheGeneralFormatWrites()
    {
        var random = new Random(7);
        var values = new List<double> { 0, -0.0, 0.5, -0.5, 0.29, 1.005, 99.99, -12.34, 1e12 + 0.25, 2.675, 84.49999999999999, 1.23456, 9, 10, 99, 100, 999.99, 1000, 9999.99, -9999.99, 10000, 10000.5, 123456.78 };
        for (var i = 0; i < 20_000; i++)
        {
            values.Add(random.Next(4) switch
            {
                0 => random.Next(-1000, 1000),
                1 => random.Next(-100_000, 100_000) / 100.0,
                2 => random.Next(-1_000_000, 1_000_000) / 10_000.0,
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 14)),
            });
        }

        Span<char> buffer = stackalloc char[64];
        foreach (var value in values)
        {
            Assert.That(ValueFormatter.TryFormatNumber(value, buffer, out var written), Is.True);
            var rounded = Semantics.Round(value, 4);
            var reference = (rounded == 0 ? 0 : rounded).ToString("0.####", CultureInfo.InvariantCulture);
            Assert.That(buffer[..written].ToString(), Is.EqualTo(reference), value.ToString("R", CultureInfo.InvariantCulture));
            Assert.That(ValueFormatter.FormatNumber(value), Is.EqualTo(reference));
        }
    }

    [Test]
    public void FormatNumber_EveryScoreOfTwoDecimals_AsTheGeneralFormat()
    {
        // The table-driven path for scores (whole parts under 10,000) against the general format, either side of its
        // bounds and through every number of digits.
        Span<char> buffer = stackalloc char[64];
        for (var hundredths = -1_000_100; hundredths <= 1_000_100; hundredths += hundredths is > -20_000 and < 20_000 ? 1 : 7)
        {
            var value = hundredths / 100.0;
            Assert.That(ValueFormatter.TryFormatNumber(value, buffer, out var written), Is.True);
            var reference = (value == 0 ? 0 : value).ToString("0.####", CultureInfo.InvariantCulture);
            if (!buffer[..written].SequenceEqual(reference))
            {
                Assert.Fail($"{value:R}: “{buffer[..written]}” against “{reference}”");
            }
        }
    }

    [Test]
    public void FormatNumber_DoesNotDependOnCurrentCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.That(ValueFormatter.FormatNumber(85.5), Is.EqualTo("85.5"));
            Assert.That(ValueFormatter.FormatNumber(1234567), Is.EqualTo("1234567"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [TestCase("x", 85.5, "85.5")]
    [TestCase("n", 12, "12")]
    [TestCase("b", 1, "是")]
    [TestCase("等级", 3, "较差")]
    [TestCase("成立日期", 0, "2024-06-30")]
    [TestCase("书记姓名", 0, "王芳")]
    public void EmitFormatted_AgreesWithValueFormatter(string text, double value, string expected)
    {
        var frame = Schema.NewFrame();
        frame.Set("x", 85.5);
        frame.Set("n", 12);
        frame.Set("b", true);
        frame.Set("等级", 3);
        frame.Set("成立日期", Schema.Day("2024-06-30"));
        frame.Set("书记姓名", "王芳");
        var e = Kit.Check(text);
        var parameter = Expression.Parameter(typeof(FactFrame), "f");
        var formatted = Expression.Lambda<Func<FactFrame, string>>(LinqEmitter.EmitFormatted(e, parameter), parameter).Compile()(frame);
        Assert.That(formatted, Is.EqualTo(expected));
        Assert.That(ValueFormatter.Format(Interpreter.Evaluate(e, frame), e.Type), Is.EqualTo(expected));
    }

    [TestCase(1, 0, 0)]
    [TestCase(0, 0, 0)]
    [TestCase(6, 4, 1.5)]
    [TestCase(-3, 0, 0)]
    public void Divide_ZeroDivisorGivesZero(double a, double b, double expected)
    {
        Assert.That(Semantics.Divide(a, b), Is.EqualTo(expected));
    }

    [TestCase(2.5, 0, 3)]
    [TestCase(-2.5, 0, -3)]
    [TestCase(3.5, 0, 4)]
    [TestCase(2.675, 2, 2.68)]
    [TestCase(84.49999999999999, 0, 85)]
    [TestCase(0.125, 2, 0.13)]
    [TestCase(1e20, 2, 1e20)]
    [TestCase(double.NaN, 2, double.NaN)]
    public void Round_HalvesAwayFromZero(double value, int digits, double expected)
    {
        Assert.That(Semantics.Round(value, digits), Is.EqualTo(expected));
    }

    [TestCase("2024-01-31", "2024-02-29", 0)]
    [TestCase("2024-01-31", "2024-03-01", 1)]
    [TestCase("2024-02-29", "2025-02-28", 11)]
    [TestCase("2024-02-29", "2025-03-01", 12)]
    [TestCase("2024-03-01", "2024-01-31", -1)]
    [TestCase("2024-06-30", "2024-06-30", 0)]
    public void MonthsBetween_CountsWholeCalendarMonths(string from, string to, double expected)
    {
        Assert.That(Semantics.MonthsBetween(Schema.Day(from), Schema.Day(to)), Is.EqualTo(expected));
    }

    [Test]
    public void ToDate_OutOfRange_IsClampedNotThrown()
    {
        Assert.That(Semantics.ToDate(double.NaN), Is.EqualTo(DateOnly.MinValue));
        Assert.That(Semantics.ToDate(-5), Is.EqualTo(DateOnly.MinValue));
        Assert.That(Semantics.ToDate(1e12), Is.EqualTo(DateOnly.MaxValue));
        Assert.That(Semantics.Year(1e12), Is.EqualTo(9999));
    }

    [Test]
    public void Clamp_LowAboveHigh_GivesHigh()
    {
        Assert.That(Semantics.Clamp(3, 5, 1), Is.EqualTo(1));
    }
}
