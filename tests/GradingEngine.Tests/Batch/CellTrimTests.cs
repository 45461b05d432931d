using GradingEngine.Grading;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// A cell is trimmed as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> trims it, whatever character stands at
/// either end: the fast path for ends that cannot be white space gives the same span.
/// </summary>
public class CellTrimTests
{
    [Test]
    public void Trim_EveryCharacterAtEitherEnd_SameAsTheFramework()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            foreach (var text in new[] { $"{ch}", $"{ch}党员", $"党员{ch}", $"{ch}7{ch}", $" {ch}", $"{ch}\u3000" })
            {
                var expected = text.AsSpan().Trim();
                var actual = InputText.Trim(text);
                if (!actual.SequenceEqual(expected) || actual.Length != expected.Length)
                {
                    Assert.Fail($"U+{c:X4} in “{text}”: “{actual}” against “{expected}”");
                }
            }
        }

        Assert.That(InputText.Trim("").IsEmpty);
        Assert.That(InputText.Trim("\u3000正式党员\u3000").ToString(), Is.EqualTo("正式党员"));
        Assert.That(InputText.Trim("\u00A012\u2003").ToString(), Is.EqualTo("12"));
    }
}
