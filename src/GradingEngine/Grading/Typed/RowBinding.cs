using System.Collections.Concurrent;
using System.Reflection;
using GradingEngine.Facts;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;
using Linq = System.Linq.Expressions;

namespace GradingEngine.Grading.Typed;

/// <summary>
/// A typed row's properties bound straight into a scheme's slots by one delegate compiled with LINQ when the row type
/// is first used with the scheme: no reflection, no dictionary and no boxing per row. A property is matched by its
/// <see cref="SchemeFieldAttribute"/> name, else its own name, against an input's id or Chinese label; a rating is a
/// property of a type whose properties are its raters (or flat <c>评价项.评价主体</c> names); a linked list is an
/// <see cref="IEnumerable{T}"/> of a row type of the linked scheme, a linked subject a property of such a type.
/// Properties that match no input are left alone. Immutable and thread-safe.
/// </summary>
internal sealed class RowBinding
{
    private static readonly MethodInfo NumberMethod = Store(nameof(RowStore.NullableNumber));
    private static readonly MethodInfo BooleanMethod = Store(nameof(RowStore.Boolean));
    private static readonly MethodInfo TextMethod = Store(nameof(RowStore.Text));
    private static readonly MethodInfo DateMethod = Store(nameof(RowStore.Date));
    private static readonly MethodInfo DateTimeMethod = Store(nameof(RowStore.DateTime));
    private static readonly MethodInfo EnumTextMethod = Store(nameof(RowStore.EnumText));
    private static readonly MethodInfo EnumOrdinalMethod = Store(nameof(RowStore.EnumOrdinal));
    private static readonly MethodInfo AbsentMethod = Store(nameof(RowStore.Absent));
    private static readonly MethodInfo ListMethod = typeof(RowChildren).GetMethod(nameof(RowChildren.List))!;
    private static readonly MethodInfo SubjectMethod = typeof(RowChildren).GetMethod(nameof(RowChildren.Subject))!;
    private static readonly FieldInfo SubjectIdField = typeof(FactFrame).GetField(nameof(FactFrame.SubjectId))!;

    private readonly Action<object, FactFrame, BindScope> _bind;

    private RowBinding(Type rowType, Action<object, FactFrame, BindScope> bind)
    {
        RowType = rowType;
        _bind = bind;
    }

    public Type RowType { get; }

    /// <summary>Binds one row; false when the row's values do not fit (the problems are in the scope).</summary>
    public bool Bind(object row, FactFrame frame, BindScope scope)
    {
        var before = scope.Problems.Count;
        _bind(row, frame, scope);
        return scope.Problems.Count == before;
    }

    /// <summary>The binding of a row type to a scheme's inputs (and, for linked inputs, of their row types to the linked schemes).</summary>
    /// <exception cref="SchemeBindingException">The type cannot give the scheme's inputs; every mismatch is listed.</exception>
    public static RowBinding Create(GradingScheme scheme, Type rowType, ConcurrentDictionary<(GradingScheme, Type), RowBinding> cache)
    {
        if (IsDictionary(rowType))
        {
            return ForDictionaries(rowType, scheme.Dictionaries);
        }

        var problems = new List<string>();
        var binding = Create(scheme, scheme.Model.Inputs, rowType, cache, problems);
        return problems.Count > 0 ? throw new SchemeBindingException(rowType, scheme.Id, problems) : binding;
    }

    /// <summary>
    /// A row type that is a dictionary of input ids or labels to values (<see cref="Dictionary{TKey, TValue}"/> and any
    /// other <see cref="IReadOnlyDictionary{TKey, TValue}"/> of <see cref="string"/> to <see cref="object"/>): bound by
    /// its entries as <see cref="SubjectBinder"/> binds them, never by reflection over the dictionary type's own properties.
    /// </summary>
    public static bool IsDictionary(Type rowType) => typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(rowType);

    private static RowBinding ForDictionaries(Type rowType, DictionaryBinding dictionaries) =>
        new(rowType, (row, frame, scope) => dictionaries.Bind((IReadOnlyDictionary<string, object?>)row, frame, scope));

    private static RowBinding Create(GradingScheme? scheme, IReadOnlyList<InputPlan> inputs, Type rowType, ConcurrentDictionary<(GradingScheme, Type), RowBinding> cache, List<string> problems)
    {
        if (IsDictionary(rowType))
        {
            return ForDictionaries(rowType, scheme?.Dictionaries ?? DictionaryBinding.ForRecords(inputs));
        }

        var row = Linq.Expression.Parameter(typeof(object), "row");
        var frame = Linq.Expression.Parameter(typeof(FactFrame), "frame");
        var scope = Linq.Expression.Parameter(typeof(BindScope), "scope");
        var typed = Linq.Expression.Variable(rowType, "typed");
        var statements = new List<Linq.Expression> { Linq.Expression.Assign(typed, Linq.Expression.Convert(row, rowType)) };
        var properties = Properties(rowType);
        if (properties.FirstOrDefault(p => string.Equals(p.Key, SubjectBinder.IdField, StringComparison.OrdinalIgnoreCase)) is { Property: not null } id)
        {
            var value = Linq.Expression.Property(typed, id.Property);
            var text = value.Type == typeof(string) ? (Linq.Expression)value : Linq.Expression.Call(Linq.Expression.Convert(value, typeof(object)), typeof(object).GetMethod(nameof(ToString))!);
            statements.Add(Linq.Expression.Assign(Linq.Expression.Field(frame, SubjectIdField), text));
        }

        foreach (var input in inputs)
        {
            var path = Linq.Expression.Constant(input.Id);
            var value = ValueOf(typed, properties, input, out var where);
            if (value is null)
            {
                var required = input.Type is InputType.List ? false : input.Type is InputType.Subject ? input.Required : input.Default is null;
                if (required)
                {
                    problems.Add($"{rowType.Name} 没有给出必需输入项“{input.DisplayName}”的属性 ({rowType.Name} has no property for required input '{input.Id}')");
                }

                statements.Add(Absent(input, frame, scope, path));
                continue;
            }

            var store = StoreOf(scheme, input, value, frame, scope, path, cache, problems, $"{rowType.Name}.{where}");
            if (store is not null)
            {
                statements.Add(store);
            }
        }

        statements.Add(Linq.Expression.Empty());
        var lambda = Linq.Expression.Lambda<Action<object, FactFrame, BindScope>>(Linq.Expression.Block([typed], statements), $"Bind_{rowType.Name}", [row, frame, scope]);
        return new RowBinding(rowType, lambda.Compile());
    }

    private static Linq.Expression Absent(InputPlan input, Linq.Expression frame, Linq.Expression scope, Linq.Expression path) =>
        input.Type == InputType.List
            ? Linq.Expression.Call(ListMethod.MakeGenericMethod(typeof(object)), frame, Linq.Expression.Constant(input), Linq.Expression.Constant(null, typeof(IEnumerable<object>)), Linq.Expression.Constant(null, typeof(RowBinding)), Linq.Expression.Constant(null, typeof(GradingScheme)), scope, path)
            : input.Type == InputType.Subject
                ? Linq.Expression.Call(SubjectMethod, frame, Linq.Expression.Constant(input), Linq.Expression.Constant(null), Linq.Expression.Constant(null, typeof(RowBinding)), Linq.Expression.Constant(null, typeof(GradingScheme)), scope, path)
                : Linq.Expression.Call(AbsentMethod, frame, Linq.Expression.Constant(input), scope, path);

    /// <summary>The expression reading an input from the row, or null when the row type has no property for it.</summary>
    private static Linq.Expression? ValueOf(Linq.Expression row, IReadOnlyList<(string Key, PropertyInfo? Property)> properties, InputPlan input, out string where)
    {
        var names = new List<string> { input.Id };
        if (input.Label is { } label && label != input.Id)
        {
            names.Add(label);
        }

        if (input.RatingId is { } rating)
        {
            var ratingLabel = input.Label is { } l && l.Contains('·', StringComparison.Ordinal) ? l[..l.IndexOf('·', StringComparison.Ordinal)] : rating;
            var raterLabel = input.Label is { } rl && rl.Contains('·', StringComparison.Ordinal) ? rl[(rl.IndexOf('·', StringComparison.Ordinal) + 1)..] : input.RaterId!;
            names = [input.Id, $"{ratingLabel}.{raterLabel}", $"{rating}.{raterLabel}", $"{ratingLabel}.{input.RaterId}"];
            foreach (var (key, property) in properties)
            {
                if (property is null || (key != rating && key != ratingLabel))
                {
                    continue;
                }

                var rater = Properties(property.PropertyType).FirstOrDefault(p => p.Key == input.RaterId || p.Key == raterLabel);
                if (rater.Property is { } raterProperty)
                {
                    where = $"{property.Name}.{raterProperty.Name}";
                    var owner = Linq.Expression.Property(row, property);
                    var read = Linq.Expression.Property(owner, raterProperty);
                    if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
                    {
                        return read;
                    }

                    var type = Nullable.GetUnderlyingType(read.Type) is null && read.Type.IsValueType ? typeof(Nullable<>).MakeGenericType(read.Type) : read.Type;
                    return Linq.Expression.Condition(
                        Linq.Expression.Equal(owner, Linq.Expression.Constant(null, owner.Type)),
                        Linq.Expression.Constant(null, type),
                        Linq.Expression.Convert(read, type));
                }
            }
        }

        foreach (var (key, property) in properties)
        {
            if (property is not null && names.Contains(key))
            {
                where = property.Name;
                return Linq.Expression.Property(row, property);
            }
        }

        where = string.Empty;
        return null;
    }

    private static Linq.Expression? StoreOf(
        GradingScheme? scheme,
        InputPlan input,
        Linq.Expression value,
        Linq.Expression frame,
        Linq.Expression scope,
        Linq.Expression path,
        ConcurrentDictionary<(GradingScheme, Type), RowBinding> cache,
        List<string> problems,
        string where)
    {
        var constant = Linq.Expression.Constant(input);
        var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        switch (input.Type)
        {
            case InputType.Number or InputType.Integer when type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal):
                return Linq.Expression.Call(NumberMethod, frame, constant, Linq.Expression.Convert(value, typeof(double?)), scope, path);
            case InputType.Boolean when type == typeof(bool):
                return Linq.Expression.Call(BooleanMethod, frame, constant, Linq.Expression.Convert(value, typeof(bool?)), scope, path);
            case InputType.Text when type == typeof(string):
                return Linq.Expression.Call(TextMethod, frame, constant, value, scope, path);
            case InputType.Date when type == typeof(DateOnly):
                return Linq.Expression.Call(DateMethod, frame, constant, Linq.Expression.Convert(value, typeof(DateOnly?)), scope, path);
            case InputType.Date when type == typeof(DateTime):
                return Linq.Expression.Call(DateTimeMethod, frame, constant, Linq.Expression.Convert(value, typeof(DateTime?)), scope, path);
            case InputType.Enumeration when type == typeof(string):
                return Linq.Expression.Call(EnumTextMethod, frame, constant, value, scope, path);
            case InputType.Enumeration when type.IsEnum:
                return EnumStore(input, value, type, frame, scope, path, problems, where);
            case InputType.List when ElementType(value.Type) is { } element:
            {
                var child = input.Linked is { } linked
                    ? scheme?.LinkedScheme(linked) is { } linkedScheme ? cache.GetOrAdd((linkedScheme, element), k => Create(k.Item1, k.Item1.Model.Inputs, k.Item2, cache, problems)) : null
                    : Create(null, input.Fields, element, cache, problems);
                var grading = input.Linked is { } l && scheme is not null ? scheme.LinkedScheme(l) : null;
                var items = Linq.Expression.Convert(value, typeof(IEnumerable<>).MakeGenericType(element));
                return Linq.Expression.Call(ListMethod.MakeGenericMethod(element), frame, constant, items, Linq.Expression.Constant(child, typeof(RowBinding)), Linq.Expression.Constant(grading, typeof(GradingScheme)), scope, path);
            }

            case InputType.Subject when !type.IsPrimitive && type != typeof(string) && scheme?.LinkedScheme(input.Linked!) is { } subjectScheme:
            {
                var child = cache.GetOrAdd((subjectScheme, value.Type), k => Create(k.Item1, k.Item1.Model.Inputs, k.Item2, cache, problems));
                return Linq.Expression.Call(SubjectMethod, frame, constant, Linq.Expression.Convert(value, typeof(object)), Linq.Expression.Constant(child, typeof(RowBinding)), Linq.Expression.Constant(subjectScheme, typeof(GradingScheme)), scope, path);
            }
        }

        problems.Add($"{where}（{value.Type.Name}）不能给出输入项“{input.DisplayName}”（{input.ExprType.Name}） ({where} of type {value.Type.Name} cannot give input '{input.Id}' of type {input.ExprType.Name})");
        return null;
    }

    /// <summary>A CLR enum: each of its names must be one of the scheme's values.</summary>
    private static Linq.Expression? EnumStore(InputPlan input, Linq.Expression value, Type enumType, Linq.Expression frame, Linq.Expression scope, Linq.Expression path, List<string> problems, string where)
    {
        var names = Enum.GetNames(enumType);
        var unknown = names.Where(n => input.ExprType.OrdinalOf(n) < 0).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"{where} 的枚举值 {string.Join("、", unknown)} 不是输入项“{input.DisplayName}”的值（{string.Join("、", input.EnumValues)}） ({where}: enum names not among the input's values)");
            return null;
        }

        var clrValues = Enum.GetValues(enumType).Cast<object>().Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var ordinals = names.Select(n => input.ExprType.OrdinalOf(n)).ToArray();
        Linq.Expression number = Linq.Expression.Convert(value.Type == enumType ? value : Linq.Expression.Property(value, "Value"), typeof(int));
        var call = Linq.Expression.Call(EnumOrdinalMethod, frame, Linq.Expression.Constant(input), number, Linq.Expression.Constant(ordinals), Linq.Expression.Constant(clrValues), scope, path);
        return value.Type == enumType
            ? call
            : Linq.Expression.Condition(Linq.Expression.Property(value, "HasValue"), call, Linq.Expression.Call(AbsentMethod, frame, Linq.Expression.Constant(input), scope, path), typeof(void));
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type.GetGenericArguments()[0]
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static List<(string Key, PropertyInfo? Property)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (p.GetCustomAttribute<SchemeFieldAttribute>()?.Name ?? p.Name, (PropertyInfo?)p))
            .ToList();

    private static MethodInfo Store(string name) => typeof(RowStore).GetMethod(name)!;
}
