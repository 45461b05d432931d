using GradingEngine.Grading;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// The binder's fast path for plain whole numbers (<see cref="InputText.TryParseDigits"/>) reads a cell as the general
/// number parser does, and declines every cell that is anything but one to nine digits, leaving it to that parser.
/// </summary>
public class CellNumberTests
{
    [TestCase("0", 0)]
    [TestCase("7", 7)]
    [TestCase("28", 28)]
    [TestCase("007", 7)]
    [TestCase("123456789", 123456789)]
    [TestCase("999999999", 999999999)]
    public void TryParseDigits_PlainWholeNumbers_AsTheGeneralParser(string cell, int expected)
    {
        Assert.That(InputText.TryParseDigits(cell, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
        Assert.That(InputText.TryParseNumber(cell, out var general), Is.True);
        Assert.That(general, Is.EqualTo((double)value));
    }

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase("1.5")]
    [TestCase("1.0")]
    [TestCase("1e3")]
    [TestCase("1234567890")]
    [TestCase("12a")]
    [TestCase(" 1")]
    [TestCase("１２")]
    [TestCase("١٢")]
    public void TryParseDigits_AnythingElse_Declined(string cell)
    {
        Assert.That(InputText.TryParseDigits(cell, out _), Is.False);
    }
}
