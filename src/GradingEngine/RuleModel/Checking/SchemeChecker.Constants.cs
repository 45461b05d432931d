using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.RuleModel;

internal sealed partial class SchemeChecker
{
    private (HashSet<Symbol> Symbols, FactFrame Frame)? _constants;

    /// <summary>
    /// Writes policy constants into message templates when compiling: a part such as <c>扣{书记空缺扣分}分</c> that
    /// reads only values fixed by the scheme (values that read nothing, or only such values) becomes literal text,
    /// so it is not formatted again for every subject.
    /// </summary>
    private CheckedTemplate FoldConstants(CheckedTemplate template)
    {
        var (symbols, frame) = _constants ??= EvaluateConstants();
        var parts = new List<TemplatePart>();
        var folded = false;
        foreach (var part in template.Parts)
        {
            if (part.Expression is { } e && e.Reads.All(symbols.Contains))
            {
                var text = ValueFormatter.Format(Expressions.Interpreter.Evaluate(e, frame), e.Type);
                parts.Add(new TemplatePart(text, null, part.Start));
                folded = true;
            }
            else
            {
                parts.Add(part);
            }
        }

        if (!folded)
        {
            return template;
        }

        // Adjacent literals become one.
        var merged = new List<TemplatePart>();
        foreach (var part in parts)
        {
            if (part.Expression is null && merged is [.., { Expression: null } last])
            {
                merged[^1] = last with { Literal = last.Literal + part.Literal };
            }
            else
            {
                merged.Add(part);
            }
        }

        return new CheckedTemplate(template.Text, merged, template.Reads);
    }

    /// <summary>Every value computed from constants alone, evaluated once into a scratch frame.</summary>
    private (HashSet<Symbol>, FactFrame) EvaluateConstants()
    {
        var frame = _layout.NewFrame();
        var constants = new HashSet<Symbol>();
        // In the order they were typed, each after every value it reads: one pass finds them all.
        foreach (var value in _typed)
        {
            if (value is not { Done: true, Checked: { } expression, Symbol: { } symbol } || !expression.Reads.All(constants.Contains))
            {
                continue;
            }

            var result = Expressions.Interpreter.Evaluate(expression, frame);
            var slot = symbol.Slot;
            switch (slot.Kind)
            {
                case StorageKind.Number:
                    frame.Numbers[slot.Index] = result.Number;
                    break;
                case StorageKind.Boolean:
                    frame.Booleans[slot.Index] = result.Boolean;
                    break;
                case StorageKind.Text:
                    frame.Texts[slot.Index] = result.Text ?? string.Empty;
                    break;
            }

            constants.Add(symbol);
        }

        return (constants, frame);
    }
}
