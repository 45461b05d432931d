using GradingEngine.Expressions;
using GradingEngine.Facts;

namespace GradingEngine.Tests.Expressions;

/// <summary>
/// The scope the expression tests run against: a branch (支部) with numbers, integers, booleans, a text, two
/// enumerations, dates, a rating record and a list of members (党员) whose children have their own list (奖励).
/// </summary>
internal static class Schema
{
    public static readonly ExprType 等级Type = ExprType.Enumeration("等级", ["好", "较好", "一般", "较差"]);
    public static readonly ExprType 类别Type = ExprType.Enumeration("类别", ["先进", "合格", "不合格"]);

    public static readonly TestScope Reward = CreateReward();
    public static readonly TestScope Member = CreateMember();
    public static readonly TestScope Top = CreateTop();

    public static readonly string[] NumberNames = ["出勤率", "考核分", "x", "y"];
    public static readonly string[] IntegerNames = ["三会一课次数", "支部委员会次数", "党员人数", "n"];
    public static readonly string[] BooleanNames = ["已换届", "有违纪", "b"];
    public static readonly string[] DateNames = ["成立日期", "换届日期"];
    public static readonly string[] RaterNames = ["自评", "群众评", "领导评"];

    private static TestScope CreateReward()
    {
        var scope = new TestScope("奖励");
        scope.Add("分值", ExprType.Number);
        return scope;
    }

    private static TestScope CreateMember()
    {
        var scope = new TestScope("党员");
        scope.Add("得分", ExprType.Number);
        scope.Add("处分", ExprType.Boolean);
        scope.Add("年龄", ExprType.Integer);
        scope.Add("等级", 等级Type);
        scope.Add("姓名", ExprType.Text);
        scope.Add("入党日期", ExprType.Date);
        scope.Add("奖励", ExprType.ListOf(Reward));
        return scope;
    }

    private static TestScope CreateTop()
    {
        var scope = new TestScope("支部");
        foreach (var name in new[] { "出勤率", "考核分", "x", "y" })
        {
            scope.Add(name, ExprType.Number);
        }

        foreach (var name in new[] { "三会一课次数", "支部委员会次数", "党员人数", "n" })
        {
            scope.Add(name, ExprType.Integer);
        }

        foreach (var name in new[] { "已换届", "有违纪", "b" })
        {
            scope.Add(name, ExprType.Boolean);
        }

        scope.Add("书记姓名", ExprType.Text);
        scope.Add("等级", 等级Type);
        scope.Add("类别", 类别Type);
        scope.Add("成立日期", ExprType.Date);
        scope.Add("换届日期", ExprType.Date);
        scope.AddRecord("政治素质好", "自评", "群众评", "领导评");
        scope.AddComposite("工作实绩", "自评", "他评");
        scope.Add("党员", ExprType.ListOf(Member));
        scope.Add("score-2024", ExprType.Number);
        return scope;
    }

    public static FactFrame NewFrame() => Top.NewFrame();

    public static int Day(string yyyyMMdd) =>
        DateOnly.ParseExact(yyyyMMdd, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber;

    public static void Set(this FactFrame frame, TestScope scope, string name, double value) =>
        frame.Numbers[scope[name].Slot.Index] = value;

    public static void Set(this FactFrame frame, TestScope scope, string name, bool value) =>
        frame.Booleans[scope[name].Slot.Index] = value;

    public static void Set(this FactFrame frame, TestScope scope, string name, string value) =>
        frame.Texts[scope[name].Slot.Index] = value;

    public static void Set(this FactFrame frame, TestScope scope, string name, FactFrame[] children) =>
        frame.Lists[scope[name].Slot.Index] = children;

    public static void Set(this FactFrame frame, string name, double value) => frame.Set(Top, name, value);

    public static void Set(this FactFrame frame, string name, bool value) => frame.Set(Top, name, value);

    public static void Set(this FactFrame frame, string name, string value) => frame.Set(Top, name, value);

    public static void SetRater(this FactFrame frame, string rater, double value) =>
        frame.Numbers[Top["政治素质好"].Type.Shape!.Lookup(rater)!.Slot.Index] = value;

    /// <summary>A member (党员) child frame.</summary>
    public static FactFrame NewMember(double 得分, bool 处分 = false, int 年龄 = 30, string 等级 = "好", string 姓名 = "", params double[] rewards)
    {
        var child = Member.NewFrame();
        child.Set(Member, "得分", 得分);
        child.Set(Member, "处分", 处分);
        child.Set(Member, "年龄", 年龄);
        child.Set(Member, "等级", 等级Type.OrdinalOf(等级));
        child.Set(Member, "姓名", 姓名);
        child.Set(Member, "奖励", rewards.Select(r =>
        {
            var reward = Reward.NewFrame();
            reward.Set(Reward, "分值", r);
            return reward;
        }).ToArray());
        return child;
    }

    public static void SetMembers(this FactFrame frame, params FactFrame[] members) => frame.Set(Top, "党员", members);
}
