using System.Reflection;
using GradingEngine.Facts;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

/// <summary>LINQ over a <see cref="FactFrame"/>: the array element of a slot, and the arithmetic steps share.</summary>
internal static class FrameAccess
{
    private static readonly FieldInfo NumbersField = typeof(FactFrame).GetField(nameof(FactFrame.Numbers))!;
    private static readonly FieldInfo BooleansField = typeof(FactFrame).GetField(nameof(FactFrame.Booleans))!;
    private static readonly FieldInfo TextsField = typeof(FactFrame).GetField(nameof(FactFrame.Texts))!;
    private static readonly MethodInfo MathRound = typeof(Math).GetMethod(nameof(Math.Round), [typeof(double), typeof(int), typeof(MidpointRounding)])!;

    internal static readonly MethodInfo MathMin = typeof(Math).GetMethod(nameof(Math.Min), [typeof(double), typeof(double)])!;
    internal static readonly MethodInfo MathMax = typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!;

    /// <summary>The array element of a slot in a frame.</summary>
    public static Linq.Expression Slot(Linq.Expression frame, Slot slot) => slot.Kind switch
    {
        StorageKind.Number => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, NumbersField), Linq.Expression.Constant(slot.Index)),
        StorageKind.Boolean => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, BooleansField), Linq.Expression.Constant(slot.Index)),
        StorageKind.Text => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, TextsField), Linq.Expression.Constant(slot.Index)),
        _ => throw new InvalidOperationException($"No direct access to {slot}."),
    };

    /// <summary>Rounds half away from zero to the scheme's precision.</summary>
    public static Linq.Expression Round(Linq.Expression value, int precision) =>
        Linq.Expression.Call(MathRound, value, Linq.Expression.Constant(precision), Linq.Expression.Constant(MidpointRounding.AwayFromZero));
}
