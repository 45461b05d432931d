using System.Globalization;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.RuleModel;

/// <summary>Declarations: levels, inputs (linked ones too), ratings, flags, items and settable values, each with a slot.</summary>
internal sealed partial class SchemeChecker
{
    // ------------------------------------------------------------------ declarations

    private void DeclareLevels()
    {
        if (_scheme.Levels.Count == 0)
        {
            Error(DiagnosticCodes.MissingProperty, _scheme.Node, "方案至少需要一个等级 (levels: the scheme needs at least one level)");
        }

        _levelType = ExprType.Enumeration("等级", _scheme.Levels.Select(l => l.Id).ToList());
        double? previous = null;
        for (var i = 0; i < _scheme.Levels.Count; i++)
        {
            var l = _scheme.Levels[i];
            if (i == _scheme.Levels.Count - 1 && (l.MinScore is not null || l.When is not null) && _scheme.Levels.Count > 1)
            {
                Error(DiagnosticCodes.InvalidValue, l.Node,
                    $"最后一个等级“{l.Id}”收容其余所有对象，不能设 minScore 或 when (the last level '{l.Id}' takes everything else and cannot have 'minScore' or 'when')");
            }

            if (l.MinScore is { } min)
            {
                if (previous is { } p && min > p)
                {
                    Error(DiagnosticCodes.InvalidValue, l.Node,
                        $"等级按从高到低排列，“{l.Id}”的 minScore {Fmt(min)} 高于上一等级的 {Fmt(p)} (levels go from best to worst; '{l.Id}' has minScore {Fmt(min)} above the previous level's {Fmt(p)})");
                }

                previous = min;
            }
        }
    }

    private void DeclareInputs()
    {
        foreach (var input in _scheme.Inputs)
        {
            if (input.Scheme is { } linkedId)
            {
                DeclareLinked(input, linkedId);
            }
            else if (input.Type == InputType.List)
            {
                var childLayout = new FactLayout();
                var childScope = new SchemeScope(input.Label ?? input.Id, childLayout);
                var fields = new List<InputPlan>();
                foreach (var field in input.Fields)
                {
                    var type = TypeOf(field.Type, field.Id, field.Values);
                    var symbol = childScope.Declare(field.Id, type, field.Label, field);
                    fields.Add(MakeInputPlan(field, type, symbol.Slot));
                }

                var listSymbol = _scope.Declare(input.Id, ExprType.ListOf(childScope), input.Label, input);
                _inputs.Add(new InputPlan
                {
                    Id = input.Id, Label = input.Label, Type = InputType.List, ExprType = listSymbol.Type, Slot = listSymbol.Slot,
                    Required = input.Required, Fields = fields, ChildLayout = childLayout, Min = input.Min, Max = input.Max,
                });
                if (input.Default is { Kind: not JsonScalarKind.Null } d)
                {
                    Error(DiagnosticCodes.InvalidValue, d, $"列表“{input.Id}”不能设默认值 (list '{input.Id}' cannot have a default; an absent list is empty)");
                }
            }
            else
            {
                var type = TypeOf(input.Type, input.Id, input.Values);
                var symbol = _scope.Declare(input.Id, type, input.Label, input);
                _inputs.Add(MakeInputPlan(input, type, symbol.Slot));
            }
        }
    }

    /// <summary>
    /// A list or subject graded by another scheme. A list's children are that scheme's own frames, so aggregations
    /// see every name of it; a subject's values are copied into slots of this frame behind a record symbol.
    /// </summary>
    private void DeclareLinked(InputDefinition input, string linkedId)
    {
        var linked = _resolve(linkedId);
        if (linked is null)
        {
            Error(DiagnosticCodes.UnknownReference, input.SchemeNode ?? input.Node, _failedFile(linkedId) is { } file
                ? $"输入项“{input.Id}”引用的方案“{linkedId}”（{file}）有问题，未能加载 (scheme '{linkedId}' named by input '{input.Id}', in {file}, has problems and did not load)"
                : $"输入项“{input.Id}”引用的方案“{linkedId}”未找到：应与本方案一同加载 (scheme '{linkedId}' named by input '{input.Id}' was not found; load it together with this one)");
            return;
        }

        var plan = linked;
        if (input.Type == InputType.List)
        {
            var symbol = _scope.Declare(input.Id, ExprType.ListOf(plan.Scope), input.Label, input);
            _inputs.Add(new InputPlan
            {
                Id = input.Id, Label = input.Label, Type = InputType.List, ExprType = symbol.Type, Slot = symbol.Slot,
                ChildLayout = plan.Layout, Linked = linked, Min = input.Min, Max = input.Max,
            });
            return;
        }

        var members = new RecordMembers(input.Label ?? input.Id);
        var copies = new List<(Slot From, Slot To)>();
        var copied = new Dictionary<Symbol, Symbol>();
        foreach (var name in plan.Scope.Names.ToList())
        {
            if (plan.Scope.Lookup(name) is not { } source || source.Type.Kind is ValueKind.List or ValueKind.Record)
            {
                continue;
            }

            if (!copied.TryGetValue(source, out var copy))
            {
                copy = new Symbol(source.Name, source.Type, _layout.Allocate(source.Type.Storage), $"{input.Label ?? input.Id}·{source.DisplayName}", input);
                copied.Add(source, copy);
                copies.Add((source.Slot, copy.Slot));
            }

            members.Add(name == copy.Name ? copy : new Symbol(name, copy.Type, copy.Slot, copy.Label, input));
        }

        var record = new Symbol(input.Id, ExprType.Record(members), input.Label, input);
        _scope.DeclareRecord(record);
        _inputs.Add(new InputPlan
        {
            Id = input.Id, Label = input.Label, Type = InputType.Subject, ExprType = record.Type,
            Slot = _layout.Allocate(StorageKind.List), ChildLayout = plan.Layout, Linked = linked, Copies = copies,
            Required = input.Required,
        });
    }

    /// <summary>
    /// The type of a plain input or value. A list or subject reaching here (a list nested in a list's fields, a
    /// subject input without a scheme) has been reported by the reader; it is typed as a number so checking goes on.
    /// </summary>
    private static ExprType TypeOf(InputType type, string id, IReadOnlyList<string> values) => type switch
    {
        InputType.Integer => ExprType.Integer,
        InputType.Boolean => ExprType.Boolean,
        InputType.Text => ExprType.Text,
        InputType.Date => ExprType.Date,
        InputType.Enumeration => ExprType.Enumeration(id, values),
        _ => ExprType.Number,
    };

    /// <summary>Reports every value of an enumeration listed twice, where it is, with the line of the first.</summary>
    private void CheckEnumValues(string id, IReadOnlyList<string> values, IReadOnlyList<JsonNode> nodes)
    {
        var seen = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count && i < nodes.Count; i++)
        {
            if (!seen.TryAdd(values[i], nodes[i]))
            {
                var first = seen[values[i]];
                Error(DiagnosticCodes.DuplicateId, nodes[i],
                    $"“{id}”的取值“{values[i]}”重复，已在第 {first.Line} 行列出 (duplicate value '{values[i]}' of '{id}', already listed at line {first.Line})");
            }
        }
    }

    private InputPlan MakeInputPlan(InputDefinition input, ExprType type, Slot slot)
    {
        if (input.Min is { } min && input.Max is { } max && min > max)
        {
            Error(DiagnosticCodes.InvalidValue, input.Node, $"输入项“{input.Id}”的 min {Fmt(min)} 大于 max {Fmt(max)} (min is greater than max)");
        }

        if ((input.Min is not null || input.Max is not null) && !type.IsNumeric)
        {
            Error(DiagnosticCodes.InvalidValue, input.Node, $"输入项“{input.Id}”是 {type.Name}，不能设 min/max (min/max apply to numbers only)");
        }

        if (input.Type == InputType.Enumeration)
        {
            CheckEnumValues(input.Id, input.Values, input.ValueNodes);
        }

        object? defaultValue = null;
        if (input.Default is { Kind: not JsonScalarKind.Null } d)
        {
            defaultValue = ConvertConstant(d, type, input.Id, input.Min, input.Max);
        }

        return new InputPlan
        {
            Id = input.Id, Label = input.Label, Unit = input.Unit, Type = input.Type, ExprType = type, Slot = slot,
            Min = input.Min, Max = input.Max, Required = input.Required && defaultValue is null, Default = defaultValue,
            EnumValues = input.Values,
        };
    }

    /// <summary>Converts a default or initial value from JSON to its stored form, reporting a mismatch.</summary>
    private object? ConvertConstant(JsonScalarNode node, ExprType type, string id, double? min, double? max)
    {
        object? result = null;
        switch (type.Kind)
        {
            case ValueKind.Number or ValueKind.Integer when node.Kind is JsonScalarKind.Integer or JsonScalarKind.Float:
                if (!ObjectReader.InRange(node))
                {
                    var limit = SchemeLimits.MaxExact.ToString("0", CultureInfo.InvariantCulture);
                    Error(DiagnosticCodes.InvalidValue, node,
                        $"“{id}”的值超出允许范围：应为 -{limit} 到 {limit} 之间的有限数值 (the value for '{id}' is out of range: it must be a finite number from -{limit} to {limit})");
                    return null;
                }

                var n = Convert.ToDouble(node.Value, CultureInfo.InvariantCulture);
                if (type.Kind == ValueKind.Integer && n != Math.Floor(n))
                {
                    break;
                }

                if (n < (min ?? double.NegativeInfinity) || n > (max ?? double.PositiveInfinity))
                {
                    Error(DiagnosticCodes.InvalidValue, node, $"“{id}”的默认值 {Fmt(n)} 超出范围 (default {Fmt(n)} is out of range)");
                    return null;
                }

                result = n;
                break;
            case ValueKind.Boolean when node.Kind == JsonScalarKind.Boolean:
                result = node.Value;
                break;
            case ValueKind.Text when node.Kind == JsonScalarKind.String:
                result = node.Value;
                break;
            case ValueKind.Enumeration when node.Value is string s:
                var ordinal = type.OrdinalOf(s);
                if (ordinal < 0)
                {
                    Error(DiagnosticCodes.InvalidValue, node,
                        $"“{id}”的默认值“{s}”不在 values 中（{string.Join("、", type.EnumValues)}） ('{s}' is not one of the allowed values)");
                    return null;
                }

                result = (double)ordinal;
                break;
            case ValueKind.Date when node.Value is string s:
                if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    result = (double)date.DayNumber;
                }

                break;
        }

        if (result is null)
        {
            Error(DiagnosticCodes.InvalidValue, node, $"“{id}”的值应为 {type.Name} (value for '{id}' must be a {type.Name})");
        }

        return result;
    }

    private void DeclareRatings()
    {
        foreach (var rating in _scheme.Ratings)
        {
            var raters = rating.Raters.Count > 0 ? rating.Raters : _scheme.Raters;
            if (raters.Count == 0)
            {
                Error(DiagnosticCodes.MissingProperty, rating.Node,
                    $"评价项“{rating.Id}”没有评价主体：在方案或该项的 raters 中声明 (rating '{rating.Id}' has no raters: declare them on the scheme or the rating)");
            }

            CheckWeights(raters, rating);
            if (rating.Scale <= 0)
            {
                Error(DiagnosticCodes.InvalidValue, rating.Node, $"评价项“{rating.Id}”的 scale 应为正数 (scale must be positive)");
            }

            var members = new RecordMembers(rating.Label ?? rating.Id);
            var composite = new Symbol(rating.Id, ExprType.Number, _layout.Allocate(StorageKind.Number), rating.Label, rating) { Members = members };
            _scope.DeclareRecord(composite);
            _composites.Add(rating, composite);
            _values.Add(new ValuePlan { Id = rating.Id, Label = rating.Label, Symbol = composite });
            foreach (var rater in raters)
            {
                if (members.Lookup(rater.Id) is not null)
                {
                    continue; // a rater listed twice, reported by CheckIds
                }

                var slot = _layout.Allocate(StorageKind.Number);
                var label = $"{rating.Label ?? rating.Id}·{rater.Label ?? rater.Id}";
                members.Add(new Symbol(rater.Id, ExprType.Number, slot, label, rating));
                _inputs.Add(new InputPlan
                {
                    Id = rating.Id + "." + rater.Id, Label = label, Type = InputType.Number, ExprType = ExprType.Number, Slot = slot,
                    Min = 0, Max = rating.Scale, Required = true, RatingId = rating.Id, RaterId = rater.Id,
                });
            }
        }
    }

    private void CheckWeights(IReadOnlyList<RaterDefinition> raters, RatingDefinition rating)
    {
        if (raters.Count == 0)
        {
            return;
        }

        foreach (var r in raters.Where(r => r.Weight is < 0 or > 1))
        {
            Error(DiagnosticCodes.InvalidValue, r.WeightNode, $"评价主体“{r.Id}”的权重 {Fmt(r.Weight)} 应在 0 到 1 之间 (weight must be between 0 and 1)");
        }

        var sum = raters.Sum(r => r.Weight);
        if (Math.Abs(sum - 1) > 1e-9)
        {
            var where = rating.Raters.Count > 0 ? rating.Node : raters[0].Node;
            var detail = string.Join(" + ", raters.Select(r => $"{r.Label ?? r.Id} {Fmt(r.Weight)}"));
            Error(DiagnosticCodes.WeightsDoNotSumToOne, where,
                $"评价项“{rating.Id}”的权重之和为 {Fmt(sum)}（{detail}），应为 1 (rater weights of '{rating.Id}' sum to {Fmt(sum)}, not 1)");
        }
    }

    private void DeclareFlags()
    {
        foreach (var flag in _scheme.Flags)
        {
            var symbol = _scope.Declare(flag.Id, ExprType.Boolean, flag.Label, flag);
            _flags.Add(new FlagPlan { Id = flag.Id, Label = flag.Label, Slot = symbol.Slot });
        }
    }

    private void DeclareItems()
    {
        void Declare(ItemDefinition item, int parent, int depth)
        {
            var symbol = _scope.Declare(item.Id, ExprType.Number, item.Label, item);
            var index = _items.Count;
            _itemIndex.TryAdd(item.Id, index);
            var childPoints = item.Items.Sum(c => c.Points ?? 0);
            _items.Add(new ItemPlan
            {
                Id = item.Id, Label = item.Label, FullPoints = item.Points ?? childPoints, Score = symbol.Slot,
                Adjustment = _layout.Allocate(StorageKind.Number), Parent = parent, Depth = depth, Style = item.Style,
                ScoreText = item.Score?.Text,
            });
            foreach (var child in item.Items)
            {
                Declare(child, index, depth + 1);
            }
        }

        foreach (var item in _scheme.Items)
        {
            Declare(item, -1, 0);
        }

        // Full points are each at most 10^9 as written; sums of them (an item without its own points, the total) too.
        foreach (var (item, plan) in AllItems(_scheme.Items).Select(i => (i, _items[_itemIndex[i.Id]])).Where(p => p.i.Points is null && p.i.Items.Count > 0))
        {
            if (plan.FullPoints > SchemeLimits.MaxPoints)
            {
                Error(DiagnosticCodes.InvalidValue, item.Node,
                    $"评分项“{item.Id}”的子项满分合计 {Fmt(plan.FullPoints)}，超过上限 {Fmt(SchemeLimits.MaxPoints)} (the sub-items of '{item.Id}' add up to {Fmt(plan.FullPoints)} points, above the limit of {Fmt(SchemeLimits.MaxPoints)})");
            }
        }

        var totalPoints = _scheme.Items.Sum(i => _items[_itemIndex[i.Id]].FullPoints);
        if (totalPoints > SchemeLimits.MaxPoints)
        {
            var where = (_scheme.Node as JsonObjectNode)?.Find("items")?.Value ?? _scheme.Node;
            Error(DiagnosticCodes.InvalidValue, where,
                $"各评分项满分合计 {Fmt(totalPoints)}，超过上限 {Fmt(SchemeLimits.MaxPoints)} (the items add up to {Fmt(totalPoints)} points, above the limit of {Fmt(SchemeLimits.MaxPoints)})");
        }
    }

    private void DeclareValues()
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in _scheme.Values)
        {
            if (!declared.Add(value.Id))
            {
                continue; // a second value with the same id, reported by CheckIds; the first one counts
            }

            if (value.Expression is not null)
            {
                // Typed after the values it names, whatever the declaration order (see TypeAllValues).
                _pending.Add(value.Id, new PendingValue(value));
                continue;
            }

            if (value.Type is not { } t)
            {
                continue;
            }

            if (t == InputType.Enumeration && value.EnumValues.Count == 0)
            {
                Error(DiagnosticCodes.MissingProperty, value.Node, $"计算值“{value.Id}”是枚举，需要 values (an enum value needs 'values')");
            }

            CheckEnumValues(value.Id, value.EnumValues, value.EnumValueNodes);

            var type = TypeOf(t, value.Id, value.EnumValues);
            var symbol = _scope.Declare(value.Id, type, value.Label, value);
            var initial = value.Initial is { Kind: not JsonScalarKind.Null } n ? ConvertConstant(n, type, value.Id, null, null) : null;
            _settable.Add(value.Id, new SettableValue(symbol, initial ?? ZeroOf(type)));
            _values.Add(new ValuePlan { Id = value.Id, Label = value.Label, Unit = value.Unit, Symbol = symbol });
        }
    }
}
