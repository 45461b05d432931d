using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

/// <summary>Compiled non-text expressions must not allocate: no boxing, closures, enumerators or delegates per child.</summary>
public class AllocationTests
{
    private const int Evaluations = 10_000;

    private static FactFrame Frame()
    {
        var frame = Schema.NewFrame();
        frame.Set("x", 2.675);
        frame.Set("n", 3);
        frame.Set("等级", 1);
        frame.Set("书记姓名", "王芳");
        frame.Set("成立日期", Schema.Day("2024-01-31"));
        frame.Set("换届日期", Schema.Day("2024-03-01"));
        frame.SetMembers(
            Schema.NewMember(90, 处分: false, 等级: "好", rewards: [1, 2.5]),
            Schema.NewMember(70.5, 处分: true, 等级: "一般"),
            Schema.NewMember(85, rewards: [3]));
        return frame;
    }

    [TestCase("sum(党员, 得分 * 2) / count(党员) + round(x, 2) + max(党员, sum(奖励, 分值)) + (if any(党员, 处分) then 1 else 0)")]
    [TestCase("avg(党员, 得分) + min(党员, 年龄) + count(党员, 得分 > x * 10 and all(奖励, 分值 > 0)) + clamp(x, 0, 1) + abs(-n)")]
    [TestCase("monthsBetween(成立日期, 换届日期) + daysBetween(成立日期, 换届日期) + year(换届日期) + month(成立日期) + floor(x) + ceil(x) + round(x) + min(n, 2, x) + 政治素质好.自评")]
    public void CompiledNumber_AllocatesNothing(string text)
    {
        var f = LinqEmitter.CompileNumber(Kit.Check(text));
        var frame = Frame();
        AssertNoAllocation(() =>
        {
            var sum = 0.0;
            for (var i = 0; i < Evaluations; i++)
            {
                sum += f(frame);
            }

            return sum;
        });
    }

    [TestCase("等级 in ['好', '较好'] and x between 1 and 5 or 书记姓名 == '王芳' and not (成立日期 > 换届日期)")]
    [TestCase("any(党员, 等级 == '一般' and 得分 between 70 and 71) && all(党员, count(奖励) <= 2) || 书记姓名 not in ['甲', '乙']")]
    public void CompiledBoolean_AllocatesNothing(string text)
    {
        var f = LinqEmitter.CompileBoolean(Kit.Check(text));
        var frame = Frame();
        AssertNoAllocation(() =>
        {
            var count = 0;
            for (var i = 0; i < Evaluations; i++)
            {
                count += f(frame) ? 1 : 0;
            }

            return count;
        });
    }

    [Test]
    public void FormattedNumber_Allocates_SoTheMeasurementIsReal()
    {
        var e = Kit.Check("x * 3");
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(FactFrame), "frame");
        var f = System.Linq.Expressions.Expression.Lambda<Func<FactFrame, string>>(LinqEmitter.EmitFormatted(e, parameter), parameter).Compile();
        var frame = Frame();
        var allocated = Measure(() =>
        {
            var length = 0;
            for (var i = 0; i < Evaluations; i++)
            {
                length += f(frame).Length;
            }

            return length;
        });
        Assert.That(allocated, Is.GreaterThan(Evaluations * 16));
    }

    private static void AssertNoAllocation(Func<double> run)
    {
        var allocated = Measure(run);
        Assert.That(allocated, Is.Zero, $"allocated {allocated} bytes over {Evaluations} evaluations");
    }

    private static long Measure(Func<double> run)
    {
        run();
        run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
