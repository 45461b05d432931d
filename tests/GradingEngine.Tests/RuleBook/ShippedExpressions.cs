using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using GradingEngine.Schemes;

namespace GradingEngine.Tests.RuleBook;

/// <summary>Every expression a compiled scheme holds — conditions, formulas, points, set values, template parts — bound against its rule model.</summary>
internal static class ShippedExpressions
{
    public static IEnumerable<(string Text, CheckedExpression Expression)> Of(GradingScheme scheme)
    {
        var definition = SchemeReader.Read(scheme.Source, new DiagnosticBag(scheme.Id))!;
        var sources = new List<(ExpressionSource Source, ExprType? Expected)>();
        sources.AddRange(definition.Values.Where(v => v.Expression is not null).Select(v => (v.Expression!, (ExprType?)null)));
        sources.AddRange(Items(definition.Items).Where(i => i.Score is not null).Select(i => (i.Score!, (ExprType?)ExprType.Number)));
        sources.AddRange(definition.Levels.Where(l => l.When is not null).Select(l => (l.When!, (ExprType?)ExprType.Boolean)));
        sources.AddRange(definition.Gates.Select(g => (g.When, (ExprType?)ExprType.Boolean)));
        sources.AddRange(definition.Vetoes.Select(v => (v.When, (ExprType?)ExprType.Boolean)));
        var templates = new List<ExpressionSource>();
        foreach (var rule in definition.Rules)
        {
            if (rule.When is { } when)
            {
                sources.Add((when, ExprType.Boolean));
            }

            foreach (var action in rule.Actions)
            {
                if (action.Expression is { } expression)
                {
                    sources.Add((expression, action.Kind == ActionKind.Set ? scheme.Model.Scope.Lookup(action.Target!)?.Type : ExprType.Number));
                }

                if (action.Template is { } template)
                {
                    templates.Add(template);
                }
            }
        }

        foreach (var (source, expected) in sources)
        {
            var errors = new List<ExpressionError>();
            var checkedExpression = ExpressionChecker.Check(source.Text, scheme.Model.Scope, expected, ExpressionLimits.Default, errors);
            Assert.That(errors, Is.Empty, $"{scheme.Id}: {source.Text}");
            yield return (source.Text, checkedExpression!);
        }

        foreach (var template in templates)
        {
            var errors = new List<ExpressionError>();
            var checkedTemplate = MessageTemplate.Check(template.Text, scheme.Model.Scope, ExpressionLimits.Default, errors);
            Assert.That(errors, Is.Empty, $"{scheme.Id}: {template.Text}");
            foreach (var part in checkedTemplate!.Parts.Where(p => p.Expression is not null))
            {
                yield return (part.Expression!.Text, part.Expression);
            }
        }
    }

    private static IEnumerable<ItemDefinition> Items(IEnumerable<ItemDefinition> items) =>
        items.SelectMany(i => Items(i.Items).Prepend(i));
}
