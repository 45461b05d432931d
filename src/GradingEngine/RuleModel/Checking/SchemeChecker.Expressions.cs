using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Syntax;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

/// <summary>Checking expressions and templates, and typing computed values in dependency order.</summary>
internal sealed partial class SchemeChecker
{
    // ------------------------------------------------------------------ expressions

    private CheckedExpression? Check(ExpressionSource source, ExprType? expected)
    {
        var errors = new List<ExpressionError>();
        var result = ExpressionChecker.Check(source.Text, _scope, expected, _limits, errors);
        Report(source, errors);
        if (result is not null)
        {
            NoteChildReads(result.Bound);
        }

        return errors.Count == 0 ? result : null;
    }

    private CheckedTemplate? CheckTemplate(ExpressionSource source)
    {
        var errors = new List<ExpressionError>();
        var result = MessageTemplate.Check(source.Text, _scope, _limits, errors);
        Report(source, errors);
        foreach (var part in result?.Parts ?? [])
        {
            if (part.Expression is { } expression)
            {
                NoteChildReads(expression.Bound);
            }
        }

        return errors.Count == 0 ? result : null;
    }

    private void Report(ExpressionSource source, List<ExpressionError> errors)
    {
        foreach (var e in errors)
        {
            var location = new SourceLocation(source.Node.File ?? _bag.File, source.Node.Line, source.Node.FileColumnOf(e.Start), source.Node.Path, e.Start + 1);
            _bag.Add(e.Code, e.Message, location, Excerpt.Make(source.Text, e.Start, e.Length));
        }
    }

    /// <summary>
    /// A scope that also knows the computed values not typed yet: <see cref="TypeAllValues"/> types each after the
    /// values it reads, so a lookup finds them typed, except along a cycle (reported) or, defensively, out of order.
    /// </summary>
    private sealed class LazyScope(SchemeChecker compiler, string name, FactLayout layout) : SchemeScope(name, layout)
    {
        public override Symbol? Lookup(string name) =>
            base.Lookup(name) ?? (compiler._pending.TryGetValue(name, out var pending) ? compiler.TypeValue(pending) : null);

        public override IEnumerable<string> Names => base.Names.Concat(compiler._pending.Keys).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Types every computed value, each after the values its expression names, whatever the declaration order. The
    /// order comes from the names in each expression's tokens and is walked with a stack of our own, never the call
    /// stack, so a chain of values of any length types without recursion (and without its depth counting against
    /// an expression's nesting limit).
    /// </summary>
    private void TypeAllValues()
    {
        foreach (var pending in _pending.Values)
        {
            TypeInOrder(pending);
        }
    }

    private void TypeInOrder(PendingValue root)
    {
        if (root.Done || root.InProgress)
        {
            return;
        }

        var stack = new Stack<(PendingValue Value, List<PendingValue> Reads, int Next)>();
        Enter(root);
        while (stack.Count > 0)
        {
            var (value, reads, next) = stack.Pop();
            if (next < reads.Count)
            {
                stack.Push((value, reads, next + 1));
                var read = reads[next];
                if (!read.Done && !read.InProgress)
                {
                    Enter(read);
                }

                continue;
            }

            // Everything it names is typed, or waits on it in a cycle (reported when the expression reads it).
            Type(value);
            _typing.Pop();
        }

        void Enter(PendingValue value)
        {
            value.InProgress = true;
            _typing.Push(value);
            stack.Push((value, NamedValues(value), 0));
        }
    }

    /// <summary>
    /// The other computed values an expression names, in order of first mention: the identifiers of its tokens
    /// (a superset of what it reads, since a name may be a list child's field or a function; only the order of
    /// typing depends on it).
    /// </summary>
    private List<PendingValue> NamedValues(PendingValue value)
    {
        var text = value.Definition.Expression!.Text;
        var named = new List<PendingValue>();
        if (text.Length > _limits.MaxLength)
        {
            return named; // reported as too long when typed
        }

        var seen = new HashSet<PendingValue> { value };
        foreach (var token in Lexer.Tokenize(text, []))
        {
            if (token.Kind == TokenKind.Identifier && _pending.TryGetValue(token.Text, out var other) && seen.Add(other))
            {
                named.Add(other);
            }
        }

        return named;
    }

    /// <summary>The symbol of a computed value looked up by an expression: typed, or a placeholder after reporting a cycle.</summary>
    private Symbol TypeValue(PendingValue pending)
    {
        if (pending.Done)
        {
            return pending.Symbol!;
        }

        if (pending.InProgress)
        {
            var definition = pending.Definition;
            var chain = _typing.Reverse().SkipWhile(p => p != pending).Select(p => $"计算值“{p.Definition.Id}”").Append($"计算值“{definition.Id}”");
            var path = string.Join(" → ", chain);
            Error(DiagnosticCodes.Cycle, definition.Node, $"计算值之间存在循环依赖：{path} (values depend on each other in a cycle: {path})");
            return new Symbol(definition.Id, ExprType.Number, default, definition.Label, definition);
        }

        TypeInOrder(pending); // named in a way the tokens did not show; typed now, still without recursion of its own
        return pending.Symbol!;
    }

    /// <summary>Checks a computed value's expression and declares the value with the expression's type.</summary>
    private void Type(PendingValue pending)
    {
        var definition = pending.Definition;
        var checkedExpression = Check(definition.Expression!, null);
        pending.InProgress = false;
        var type = checkedExpression?.Type ?? ExprType.Number;
        if (type.Kind is ValueKind.List or ValueKind.Record)
        {
            Error(DiagnosticCodes.TypeMismatch, definition.Node, $"计算值“{definition.Id}”不能是 {type.Name} (a value cannot be a {type.Name})");
            type = ExprType.Number;
        }

        pending.Symbol = _scope.Declare(definition.Id, type, definition.Label, definition);
        pending.Checked = checkedExpression;
        pending.Done = true;
        _typed.Add(pending);
        _values.Add(new ValuePlan
        {
            Id = definition.Id, Label = definition.Label, Unit = definition.Unit, Symbol = pending.Symbol,
            IsConstant = checkedExpression is { Reads.Count: 0 },
        });
    }
}
