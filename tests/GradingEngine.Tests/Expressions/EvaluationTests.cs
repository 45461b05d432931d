using GradingEngine.Expressions;
using GradingEngine.Facts;
using static GradingEngine.Tests.Expressions.Schema;

namespace GradingEngine.Tests.Expressions;

/// <summary>Every construct evaluated through both the compiled delegate and the interpreter (see <see cref="Kit.Run"/>).</summary>
public class EvaluationTests
{
    private FactFrame _frame = null!;

    [SetUp]
    public void SetUp()
    {
        _frame = NewFrame();
        _frame.Set("x", 7.5);
        _frame.Set("y", -2);
        _frame.Set("n", 4);
        _frame.Set("三会一课次数", 12);
        _frame.Set("支部委员会次数", 5);
        _frame.Set("党员人数", 0);
        _frame.Set("考核分", 80);
        _frame.Set("出勤率", 0.92);
        _frame.Set("b", true);
        _frame.Set("已换届", false);
        _frame.Set("书记姓名", "王芳");
        _frame.Set("等级", 等级Type.OrdinalOf("较好"));
        _frame.Set("类别", 类别Type.OrdinalOf("合格"));
        _frame.Set("成立日期", Day("2024-01-31"));
        _frame.Set("换届日期", Day("2024-03-01"));
        _frame.SetRater("自评", 90);
        _frame.SetRater("群众评", 80);
        _frame.SetRater("领导评", 85);
        _frame.SetMembers(
            NewMember(90, 处分: false, 年龄: 30, 等级: "好", 姓名: "甲", 5, 2.5),
            NewMember(70, 处分: true, 年龄: 45, 等级: "一般", 姓名: "乙"),
            NewMember(85.5, 处分: false, 年龄: 28, 等级: "较好", 姓名: "丙", 1));
    }

    private double Num(string text) => Kit.Number(text, _frame);

    private bool Truth(string text) => Kit.Bool(text, _frame);

    [TestCase("n + 2 * 3", 10)]
    [TestCase("(n + 2) * 3", 18)]
    [TestCase("n - 10", -6)]
    [TestCase("7 / 2", 3.5)]
    [TestCase("-n", -4)]
    [TestCase("- -n", 4)]
    [TestCase("x * 2 - y", 17)]
    [TestCase("90% * 10", 9)]
    [TestCase("12.5% * 8", 1)]
    public void Evaluate_Arithmetic_Computes(string text, double expected) => Assert.That(Num(text), Is.EqualTo(expected));

    [TestCase("x / 0")]
    [TestCase("x / (n - 4)")]
    [TestCase("n / 党员人数")]
    [TestCase("0 / 0")]
    [TestCase("x / -0.0")]
    public void Evaluate_DivisionByZero_GivesZero(string text) => Assert.That(Num(text), Is.EqualTo(0));

    [TestCase("x > 7", true)]
    [TestCase("x >= 7.5", true)]
    [TestCase("x < 7.5", false)]
    [TestCase("x <= 7.5", true)]
    [TestCase("n == 4", true)]
    [TestCase("n = 4", true)]
    [TestCase("n != 4", false)]
    [TestCase("n <> 5", true)]
    [TestCase("n == 4.0", true)]
    [TestCase("出勤率 >= 90%", true)]
    [TestCase("书记姓名 == '王芳'", true)]
    [TestCase("书记姓名 == “王芳”", true)]
    [TestCase("书记姓名 != '王'", true)]
    [TestCase("'A' == 'a'", false)]
    [TestCase("b == true", true)]
    [TestCase("b != 已换届", true)]
    [TestCase("等级 == '较好'", true)]
    [TestCase("等级 != '好'", true)]
    [TestCase("'较好' == 等级", true)]
    [TestCase("等级 == 等级", true)]
    [TestCase("类别 == '合格'", true)]
    [TestCase("成立日期 < 换届日期", true)]
    [TestCase("成立日期 == date('2024-01-31')", true)]
    [TestCase("换届日期 >= date('2024-03-02')", false)]
    public void Evaluate_Comparison_Computes(string text, bool expected) => Assert.That(Truth(text), Is.EqualTo(expected));

    [TestCase("b and 已换届", false)]
    [TestCase("b or 已换届", true)]
    [TestCase("b && not 已换届", true)]
    [TestCase("!b || 已换届", false)]
    [TestCase("not b", false)]
    [TestCase("x > 1 and n < 5 or 已换届", true)]
    [TestCase("已换届 and x / 0 > 1", false)]
    public void Evaluate_Logic_Computes(string text, bool expected) => Assert.That(Truth(text), Is.EqualTo(expected));

    [TestCase("if b then 1 else 2", 1)]
    [TestCase("if 已换届 then 1 else 2.5", 2.5)]
    [TestCase("if x > 10 then 1 else if x > 5 then 2 else 3", 2)]
    public void Evaluate_Conditional_TakesTheRightBranch(string text, double expected) => Assert.That(Num(text), Is.EqualTo(expected));

    [Test]
    public void Evaluate_ConditionalOfOtherTypes_TakesTheRightBranch()
    {
        Assert.That(Kit.Text("if b then 书记姓名 else '无'", _frame), Is.EqualTo("王芳"));
        Assert.That(Kit.Text("if 已换届 then 书记姓名 else '无'", _frame), Is.EqualTo("无"));
        Assert.That(Truth("if b then 已换届 else true"), Is.False);
        Assert.That(Num("if 已换届 then 等级 else '一般'"), Is.EqualTo(2));
        Assert.That(Num("if b then 成立日期 else 换届日期"), Is.EqualTo(Day("2024-01-31")));
    }

    [TestCase("n in [1, 4, 9]", true)]
    [TestCase("n in [1, 2]", false)]
    [TestCase("n not in [1, 2]", true)]
    [TestCase("x in [7.5]", true)]
    [TestCase("n in [x, 4.0]", true)]
    [TestCase("书记姓名 in ['张三', '王芳']", true)]
    [TestCase("等级 in ['好', '较好']", true)]
    [TestCase("等级 not in ['好', '较好']", false)]
    [TestCase("b in [已换届]", false)]
    [TestCase("成立日期 in [date('2024-01-31')]", true)]
    public void Evaluate_In_Computes(string text, bool expected) => Assert.That(Truth(text), Is.EqualTo(expected));

    [TestCase("x between 7.5 and 10", true)]
    [TestCase("x between 1 and 7.5", true)]
    [TestCase("x between 7.6 and 10", false)]
    [TestCase("n between 5 and 1", false)]
    [TestCase("x between 1 and 5 and b", false)]
    [TestCase("成立日期 between date('2024-01-01') and date('2024-01-31')", true)]
    public void Evaluate_Between_IsInclusive(string text, bool expected) => Assert.That(Truth(text), Is.EqualTo(expected));

    [TestCase("min(3, n, 9)", 3)]
    [TestCase("max(3, n, x)", 7.5)]
    [TestCase("min(y, 0)", -2)]
    [TestCase("clamp(x, 0, 5)", 5)]
    [TestCase("clamp(y, 0, 5)", 0)]
    [TestCase("clamp(3, 0, 5)", 3)]
    [TestCase("clamp(3, 5, 0)", 0)]
    [TestCase("abs(y)", 2)]
    [TestCase("round(2.5)", 3)]
    [TestCase("round(-2.5)", -3)]
    [TestCase("round(0.5)", 1)]
    [TestCase("round(1.4999)", 1)]
    [TestCase("round(x)", 8)]
    [TestCase("round(2.675, 2)", 2.68)]
    [TestCase("round(1.005, 2)", 1.01)]
    [TestCase("round(-1.005, 2)", -1.01)]
    [TestCase("round(85.55, 1)", 85.6)]
    [TestCase("round(1 / 3, 4)", 0.3333)]
    [TestCase("round(0.1 + 0.2, 10)", 0.3)]
    [TestCase("floor(-1.5)", -2)]
    [TestCase("floor(x)", 7)]
    [TestCase("ceil(1.2)", 2)]
    [TestCase("ceil(-1.2)", -1)]
    public void Evaluate_Function_Computes(string text, double expected) => Assert.That(Num(text), Is.EqualTo(expected));

    [Test]
    public void Evaluate_RoundNegativeHalf_IsNotNegativeZero()
    {
        var value = Num("round(-0.4)");
        Assert.That(BitConverter.DoubleToInt64Bits(value), Is.EqualTo(BitConverter.DoubleToInt64Bits(0.0)));
    }

    [TestCase("daysBetween(成立日期, 换届日期)", 30)]
    [TestCase("daysBetween(换届日期, 成立日期)", -30)]
    [TestCase("monthsBetween(date('2024-01-31'), date('2024-02-29'))", 0)]
    [TestCase("monthsBetween(date('2024-01-31'), date('2024-03-01'))", 1)]
    [TestCase("monthsBetween(成立日期, 换届日期)", 1)]
    [TestCase("monthsBetween(date('2024-03-01'), date('2024-01-31'))", -1)]
    [TestCase("monthsBetween(date('2023-06-30'), date('2024-06-30'))", 12)]
    [TestCase("monthsBetween(date('2024-06-30'), date('2023-06-30'))", -12)]
    [TestCase("monthsBetween(date('2024-05-15'), date('2024-05-14'))", 0)]
    [TestCase("year(换届日期)", 2024)]
    [TestCase("month(换届日期)", 3)]
    public void Evaluate_DateFunction_Computes(string text, double expected) => Assert.That(Num(text), Is.EqualTo(expected));

    [Test]
    public void Evaluate_MinMaxOfDates_GiveDates()
    {
        Assert.That(Num("max(成立日期, 换届日期)"), Is.EqualTo(Day("2024-03-01")));
        Assert.That(Num("min(成立日期, 换届日期, date('2023-12-31'))"), Is.EqualTo(Day("2023-12-31")));
    }

    [TestCase("count(党员)", 3)]
    [TestCase("count(党员, 处分)", 1)]
    [TestCase("count(党员, 得分 >= 85)", 2)]
    [TestCase("sum(党员, 得分)", 245.5)]
    [TestCase("sum(党员, 年龄)", 103)]
    [TestCase("avg(党员, 年龄)", 103.0 / 3)]
    [TestCase("min(党员, 得分)", 70)]
    [TestCase("max(党员, 年龄)", 45)]
    [TestCase("sum(党员, count(奖励))", 3)]
    [TestCase("sum(党员, sum(奖励, 分值))", 8.5)]
    [TestCase("max(党员, sum(奖励, 分值))", 7.5)]
    [TestCase("count(党员, 得分 > 考核分)", 2)]
    [TestCase("count(党员, 得分 >= max(党员, 得分))", 1)]
    [TestCase("count(党员, 等级 == '好')", 1)]
    [TestCase("count(党员, 等级 in ['好', '较好'] and not 处分)", 2)]
    [TestCase("sum(党员, sum(奖励, 分值 * 年龄))", 5 * 30 + 2.5 * 30 + 28)]
    [TestCase("count(党员, any(奖励, 分值 > x - 5))", 1)]
    [TestCase("sum(党员, if 处分 then 0 else 1)", 2)]
    public void Evaluate_Aggregation_Computes(string text, double expected) => Assert.That(Num(text), Is.EqualTo(expected).Within(1e-12));

    [TestCase("any(党员, 处分)", true)]
    [TestCase("all(党员, 处分)", false)]
    [TestCase("all(党员, 年龄 >= 28)", true)]
    [TestCase("any(党员, 姓名 == '丁')", false)]
    [TestCase("all(党员, count(奖励) <= 2)", true)]
    public void Evaluate_BooleanAggregation_Computes(string text, bool expected) => Assert.That(Truth(text), Is.EqualTo(expected));

    [TestCase("count(党员)", 0)]
    [TestCase("count(党员, 处分)", 0)]
    [TestCase("sum(党员, 得分)", 0)]
    [TestCase("avg(党员, 得分)", 0)]
    [TestCase("min(党员, 得分)", 0)]
    [TestCase("max(党员, 年龄)", 0)]
    [TestCase("sum(党员, 得分) / count(党员)", 0)]
    public void Evaluate_AggregationOverEmptyList_GivesZero(string text, double expected)
    {
        _frame.SetMembers();
        Assert.That(Num(text), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_AnyAllOverEmptyList_AreFalseAndTrue()
    {
        _frame.SetMembers();
        Assert.That(Truth("any(党员, 处分)"), Is.False);
        Assert.That(Truth("all(党员, 处分)"), Is.True);
    }

    [Test]
    public void Evaluate_MinOverNegativeValues_DoesNotStartFromZero()
    {
        _frame.SetMembers(NewMember(-5), NewMember(-3));
        Assert.That(Num("max(党员, 得分)"), Is.EqualTo(-3));
        Assert.That(Num("min(党员, 得分)"), Is.EqualTo(-5));
    }

    [Test]
    public void Evaluate_RecordMembers_ReadTheSameFrame()
    {
        Assert.That(Num("政治素质好.自评 * 0.2 + 政治素质好.群众评 * 0.3 + 政治素质好.领导评 * 0.5"), Is.EqualTo(84.5).Within(1e-12));
    }

    [Test]
    public void Evaluate_CompositeAndItsMembers_ReadTheirSlots()
    {
        _frame.Set("工作实绩", 88);
        _frame.Numbers[Top["工作实绩"].Members!.Lookup("他评")!.Slot.Index] = 60;
        Assert.That(Num("工作实绩 - 工作实绩.他评"), Is.EqualTo(28));
    }

    [Test]
    public void Evaluate_BackquotedAndFullWidthText_Evaluates()
    {
        _frame.Set("score-2024", 3);
        Assert.That(Num("`score-2024` + 1"), Is.EqualTo(4));
        Assert.That(Truth("max（n，１２）＞＝１２　AND　等级＝＝“较好”"), Is.True);
    }

    [Test]
    public void Evaluate_Text_ReturnsTheString()
    {
        Assert.That(Kit.Text("书记姓名", _frame), Is.EqualTo("王芳"));
        Assert.That(Kit.Text("'支部'", _frame), Is.EqualTo("支部"));
    }

    [Test]
    public void Evaluate_EnumerationAndDate_ReturnOrdinalAndDayNumber()
    {
        Assert.That(Num("等级"), Is.EqualTo(1));
        Assert.That(Num("date('2024-06-30')"), Is.EqualTo(Day("2024-06-30")));
    }

    [Test]
    public void Compile_WrongDelegateType_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => LinqEmitter.CompileBoolean(Kit.Check("x + 1")));
        Assert.Throws<InvalidOperationException>(() => LinqEmitter.CompileNumber(Kit.Check("书记姓名")));
    }

    [Test]
    public void Emit_WrongParameterType_Throws()
    {
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(object), "f");
        Assert.Throws<ArgumentException>(() => LinqEmitter.Emit(Kit.Check("x"), parameter));
    }

    [Test]
    public void Emit_ProducesTheDocumentedClrTypes()
    {
        var frame = System.Linq.Expressions.Expression.Parameter(typeof(FactFrame), "f");
        Assert.That(LinqEmitter.Emit(Kit.Check("n"), frame).Type, Is.EqualTo(typeof(double)));
        Assert.That(LinqEmitter.Emit(Kit.Check("等级"), frame).Type, Is.EqualTo(typeof(double)));
        Assert.That(LinqEmitter.Emit(Kit.Check("成立日期"), frame).Type, Is.EqualTo(typeof(double)));
        Assert.That(LinqEmitter.Emit(Kit.Check("b"), frame).Type, Is.EqualTo(typeof(bool)));
        Assert.That(LinqEmitter.Emit(Kit.Check("书记姓名"), frame).Type, Is.EqualTo(typeof(string)));
        Assert.That(LinqEmitter.EmitFormatted(Kit.Check("n"), frame).Type, Is.EqualTo(typeof(string)));
    }

    [Test]
    public void CheckedExpression_CanBeCompiledManyTimesAndShared()
    {
        var e = Kit.Check("sum(党员, 得分) + x");
        var a = LinqEmitter.CompileNumber(e);
        var b = LinqEmitter.CompileNumber(e);
        Assert.That(a(_frame), Is.EqualTo(b(_frame)));
        Assert.That(a(_frame), Is.EqualTo(253));
    }
}
