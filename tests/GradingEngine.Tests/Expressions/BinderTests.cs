using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;

namespace GradingEngine.Tests.Expressions;

public class BinderTests
{
    private static ExprType TypeOf(string text) => Kit.Check(text).Type;

    [TestCase("1", "integer")]
    [TestCase("1.5", "number")]
    [TestCase("90%", "number")]
    [TestCase("'好'", "text")]
    [TestCase("true", "boolean")]
    [TestCase("n + 1", "integer")]
    [TestCase("n - 1", "integer")]
    [TestCase("n * n", "integer")]
    [TestCase("-n", "integer")]
    [TestCase("n + x", "number")]
    [TestCase("n / 2", "number")]
    [TestCase("-x", "number")]
    [TestCase("x > 1", "boolean")]
    [TestCase("date('2024-06-30')", "date")]
    [TestCase("if b then 1 else 2", "integer")]
    [TestCase("if b then 1 else 2.5", "number")]
    [TestCase("if b then 书记姓名 else '无'", "text")]
    [TestCase("min(n, 1)", "integer")]
    [TestCase("min(x, 1)", "number")]
    [TestCase("max(n, 1, 三会一课次数)", "integer")]
    [TestCase("max(成立日期, 换届日期)", "date")]
    [TestCase("clamp(n, 1, 5)", "integer")]
    [TestCase("clamp(n, 1.5, 5)", "number")]
    [TestCase("abs(n)", "integer")]
    [TestCase("abs(x)", "number")]
    [TestCase("round(x)", "integer")]
    [TestCase("round(x, 2)", "number")]
    [TestCase("floor(x)", "integer")]
    [TestCase("ceil(x)", "integer")]
    [TestCase("daysBetween(成立日期, 换届日期)", "integer")]
    [TestCase("monthsBetween(成立日期, 换届日期)", "integer")]
    [TestCase("year(成立日期)", "integer")]
    [TestCase("month(成立日期)", "integer")]
    [TestCase("count(党员)", "integer")]
    [TestCase("count(党员, 处分)", "integer")]
    [TestCase("sum(党员, 年龄)", "integer")]
    [TestCase("sum(党员, 得分)", "number")]
    [TestCase("avg(党员, 年龄)", "number")]
    [TestCase("min(党员, 年龄)", "integer")]
    [TestCase("max(党员, 得分)", "number")]
    [TestCase("max(党员, 入党日期)", "date")]
    [TestCase("any(党员, 处分)", "boolean")]
    [TestCase("all(党员, not 处分)", "boolean")]
    [TestCase("sum(党员, count(奖励))", "integer")]
    [TestCase("政治素质好.自评", "number")]
    [TestCase("工作实绩", "number")]
    [TestCase("工作实绩.他评", "number")]
    [TestCase("`score-2024`", "number")]
    [TestCase("x between 1 and 5", "boolean")]
    [TestCase("等级 in ['好', '较好']", "boolean")]
    public void Check_WellTypedExpression_HasExpectedType(string text, string typeName)
    {
        Assert.That(TypeOf(text).Name, Is.EqualTo(typeName));
    }

    [Test]
    public void Check_EnumerationSymbol_HasTheSameTypeInstance()
    {
        Assert.That(TypeOf("等级"), Is.SameAs(Schema.等级Type));
        Assert.That(TypeOf("if b then 等级 else '一般'"), Is.SameAs(Schema.等级Type));
        Assert.That(TypeOf("if b then '好' else if x > 1 then '较差' else 等级"), Is.SameAs(Schema.等级Type));
    }

    [Test]
    public void Check_FunctionAndKeywordCase_IsIgnored()
    {
        Assert.That(TypeOf("ROUND(x) + Count(党员) + DaysBetween(成立日期, 换届日期)").Name, Is.EqualTo("integer"));
        Assert.That(TypeOf("x > 1 AND NOT b Or TRUE").Name, Is.EqualTo("boolean"));
    }

    [Test]
    public void Check_ExpectedNumber_AcceptsInteger()
    {
        Assert.That(Kit.Check("n + 1", ExprType.Number).Type, Is.SameAs(ExprType.Integer));
    }

    [Test]
    public void Check_ExpectedEnumeration_ReadsTextLiteralsAsItsValues()
    {
        var e = Kit.Check("if x >= 90 then '好' else if x >= 60 then '一般' else '较差'", Schema.等级Type);
        Assert.That(e.Type, Is.SameAs(Schema.等级Type));
        var frame = Schema.NewFrame();
        frame.Set("x", 75);
        Assert.That(Kit.Run(e, frame).Number, Is.EqualTo(2));
    }

    [Test]
    public void Check_ExpectedEnumerationWithUnknownLiteral_ReportsGE3006()
    {
        var error = Kit.Error("if b then '好' else '很差'", Schema.等级Type);
        Kit.AssertError(error, DiagnosticCodes.UnknownEnumValue, 19, 4);
    }

    [TestCase("x", "boolean", 0, 1)]
    [TestCase("x + 1", "integer", 0, 5)]
    [TestCase("类别", "enumeration 等级", 0, 2)]
    [TestCase("'好'", "number", 0, 3)]
    public void Check_ExpectedTypeMismatch_ReportsGE3003OverTheExpression(string text, string expected, int start, int length)
    {
        var type = expected switch
        {
            "boolean" => ExprType.Boolean,
            "integer" => ExprType.Integer,
            "number" => ExprType.Number,
            _ => Schema.等级Type,
        };
        var error = Kit.Error(text, type);
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, start, length);
        Assert.That(error.Message, Does.Contain($"expected a {type.Name} expression"));
    }

    [Test]
    public void Check_TwoUndefinedNames_ReportsBoth()
    {
        var errors = Kit.Errors("a1 + b1");
        Assert.That(errors, Has.Count.EqualTo(2));
        Kit.AssertError(errors[0], DiagnosticCodes.UndefinedName, 0, 2);
        Kit.AssertError(errors[1], DiagnosticCodes.UndefinedName, 5, 2);
    }

    [Test]
    public void Check_MisspelledName_SuggestsTheClosest()
    {
        var error = Kit.Error("三会一可次数 >= 12");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 0, 6);
        Assert.That(error.Message, Is.EqualTo("未定义的名称“三会一可次数”，是否应为“三会一课次数”？ (undefined name '三会一可次数'; did you mean '三会一课次数'?)"));
    }

    [Test]
    public void Check_UnrelatedName_HasNoSuggestion()
    {
        Assert.That(Kit.Error("完全无关的名字").Message, Is.EqualTo("未定义的名称“完全无关的名字” (undefined name '完全无关的名字')"));
    }

    [Test]
    public void Check_NamesAreCaseSensitive_ButSuggested()
    {
        var error = Kit.Error("X + 1");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 0, 1);
    }

    [Test]
    public void Check_ChildFieldAtTopLevel_IsUndefined()
    {
        Kit.AssertError(Kit.Error("年龄 > 30"), DiagnosticCodes.UndefinedName, 0, 2);
    }

    [Test]
    public void Check_MisspelledChildField_SuggestsFromTheChildShape()
    {
        var error = Kit.Error("sum(党员, 得份)");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 8, 2);
        Assert.That(error.Message, Does.Contain("did you mean '得分'"));
    }

    [Test]
    public void Check_MisspelledOuterNameInsideAggregation_SuggestsFromEnclosingScope()
    {
        var error = Kit.Error("count(党员, 得分 > 考核份)");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 15, 3);
        Assert.That(error.Message, Does.Contain("did you mean '考核分'"));
    }

    [Test]
    public void Check_NumberPlusBoolean_PointsAtTheBooleanOperand()
    {
        var error = Kit.Error("x + b");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 4, 1);
        Assert.That(error.Message, Is.EqualTo("类型不匹配：“+”不能用于 number 和 boolean (type mismatch: '+' cannot combine number and boolean)"));
    }

    [Test]
    public void Check_TextTimesNumber_PointsAtTheTextOperand()
    {
        Kit.AssertError(Kit.Error("书记姓名 * 2"), DiagnosticCodes.TypeMismatch, 0, 4);
    }

    [Test]
    public void Check_NeitherOperandNumeric_PointsAtTheOperator()
    {
        Kit.AssertError(Kit.Error("b - 书记姓名"), DiagnosticCodes.TypeMismatch, 2, 1);
    }

    [Test]
    public void Check_DateMinusDate_SuggestsDaysBetween()
    {
        var error = Kit.Error("换届日期 - 成立日期");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 5, 1);
        Assert.That(error.Message, Does.Contain("daysBetween"));
    }

    [Test]
    public void Check_NegateBoolean_PointsAtOperand()
    {
        Kit.AssertError(Kit.Error("-b"), DiagnosticCodes.TypeMismatch, 1, 1);
    }

    [TestCase("x and b", 0, 1)]
    [TestCase("b or n", 5, 1)]
    [TestCase("not x", 4, 1)]
    [TestCase("!书记姓名", 1, 4)]
    [TestCase("b && 1", 5, 1)]
    public void Check_LogicOnNonBoolean_PointsAtOperand(string text, int start, int length)
    {
        Kit.AssertError(Kit.Error(text), DiagnosticCodes.TypeMismatch, start, length);
    }

    [Test]
    public void Check_LogicWithTwoBadOperands_ReportsBoth()
    {
        var errors = Kit.Errors("x and n");
        Assert.That(errors.Select(e => e.Start), Is.EqualTo(new[] { 0, 6 }));
    }

    [TestCase("书记姓名 < 'a'", 5, 1)]
    [TestCase("b >= true", 2, 2)]
    [TestCase("等级 > '好'", 3, 1)]
    [TestCase("等级 <= 等级", 3, 2)]
    [TestCase("等级 == 类别", 3, 2)]
    [TestCase("等级 == 书记姓名", 3, 2)]
    [TestCase("x == '1'", 2, 2)]
    [TestCase("x = b", 2, 1)]
    [TestCase("成立日期 > x", 5, 1)]
    [TestCase("等级 == 1", 3, 2)]
    public void Check_IncomparableValues_ReportGE3003AtTheOperator(string text, int start, int length)
    {
        Kit.AssertError(Kit.Error(text), DiagnosticCodes.TypeMismatch, start, length);
    }

    [Test]
    public void Check_DateComparedWithText_SuggestsDateFunction()
    {
        Assert.That(Kit.Error("成立日期 > '2024-01-01'").Message, Does.Contain("date('yyyy-MM-dd')"));
    }

    [Test]
    public void Check_EnumerationAgainstUnknownLiteral_ReportsGE3006WithSuggestion()
    {
        var error = Kit.Error("等级 == '很好'");
        Kit.AssertError(error, DiagnosticCodes.UnknownEnumValue, 6, 4);
        Assert.That(error.Message, Does.Contain("did you mean '好'"));
        Assert.That(error.Message, Does.Contain("好、较好、一般、较差"));
    }

    [Test]
    public void Check_LiteralOnTheLeftOfEnumeration_IsResolved()
    {
        var e = Kit.Check("'较好' == 等级");
        var comparison = (BoundComparison)e.Bound;
        Assert.That(comparison.Left, Is.TypeOf<BoundLiteral>());
        Assert.That(((BoundLiteral)comparison.Left).Number, Is.EqualTo(1));
        Assert.That(comparison.Left.Type, Is.SameAs(Schema.等级Type));
        Kit.AssertError(Kit.Error("'极好' != 等级"), DiagnosticCodes.UnknownEnumValue, 0, 4);
    }

    [Test]
    public void Check_InWithUnknownEnumerationValue_ReportsEachBadLiteral()
    {
        var errors = Kit.Errors("等级 in ['好', '很好', '坏']");
        Assert.That(errors.Select(e => (e.Code, e.Start, e.Length)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.UnknownEnumValue, 12, 4),
            (DiagnosticCodes.UnknownEnumValue, 18, 3),
        }));
    }

    [Test]
    public void Check_InWithMismatchedItem_PointsAtTheItem()
    {
        Kit.AssertError(Kit.Error("x in [1, 'a', 3]"), DiagnosticCodes.TypeMismatch, 9, 3);
    }

    [TestCase("x between 1 and b", 16, 1)]
    [TestCase("书记姓名 between 1 and 2", 0, 4)]
    [TestCase("成立日期 between date('2024-01-01') and 5", 36, 1)]
    [TestCase("x between 成立日期 and 5", 10, 4)]
    public void Check_BetweenMismatch_PointsAtTheOffendingPart(string text, int start, int length)
    {
        Kit.AssertError(Kit.Error(text), DiagnosticCodes.TypeMismatch, start, length);
    }

    [Test]
    public void Check_IfWithNonBooleanCondition_PointsAtCondition()
    {
        Kit.AssertError(Kit.Error("if x then 1 else 2"), DiagnosticCodes.TypeMismatch, 3, 1);
    }

    [Test]
    public void Check_IfWithDifferentBranchTypes_PointsAtElseBranch()
    {
        var error = Kit.Error("if b then 1 else '无'");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 17, 3);
        Assert.That(error.Message, Does.Contain("integer and text"));
    }

    [Test]
    public void Check_IfWithEnumerationAndUnknownLiteral_ReportsGE3006()
    {
        Kit.AssertError(Kit.Error("if b then 等级 else '极好'"), DiagnosticCodes.UnknownEnumValue, 18, 4);
    }

    [Test]
    public void Check_BareRecord_ListsItsMembers()
    {
        var error = Kit.Error("政治素质好 > 80");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 0, 5);
        Assert.That(error.Message, Does.Contain("自评、群众评、领导评"));
        Assert.That(error.Message, Does.Contain("自评, 群众评, 领导评"));
    }

    [Test]
    public void Check_UnknownRecordMember_SuggestsAMember()
    {
        var error = Kit.Error("政治素质好.自平");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 6, 2);
        Assert.That(error.Message, Does.Contain("did you mean '自评'"));
    }

    [Test]
    public void Check_UnknownMemberOfComposite_ListsItsMembers()
    {
        var error = Kit.Error("工作实绩.领导评");
        Kit.AssertError(error, DiagnosticCodes.UndefinedName, 5, 3);
        Assert.That(error.Message, Does.Contain("自评, 他评"));
    }

    [Test]
    public void Check_MemberOfPlainValue_ReportsGE3003AtTheMember()
    {
        Kit.AssertError(Kit.Error("x.y"), DiagnosticCodes.TypeMismatch, 2, 1);
    }

    [Test]
    public void Check_MemberOfExpression_ReportsGE3003()
    {
        Kit.AssertError(Kit.Error("(x + 1).y"), DiagnosticCodes.TypeMismatch, 1, 8);
    }

    [Test]
    public void Check_MemberOfList_SuggestsAnAggregation()
    {
        var error = Kit.Error("党员.得分 > 1");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 0, 5);
        Assert.That(error.Message, Does.Contain("sum(党员, 得分)"));
    }

    [Test]
    public void Check_ListAsValue_ReportsGE3003()
    {
        var error = Kit.Error("党员 + 1");
        Kit.AssertError(error, DiagnosticCodes.TypeMismatch, 0, 2);
        Assert.That(error.Message, Does.Contain("first argument of count"));
    }

    [Test]
    public void Check_UnknownFunction_ReportsGE3004WithSuggestion()
    {
        var error = Kit.Error("cout(党员)");
        Kit.AssertError(error, DiagnosticCodes.BadFunctionCall, 0, 4);
        Assert.That(error.Message, Does.Contain("did you mean 'count'"));
        Assert.That(Kit.Error("daysbetwen(成立日期, 换届日期)").Message, Does.Contain("did you mean 'daysBetween'"));
    }

    [Test]
    public void Check_UnknownFunctionFarFromAny_ListsTheFunctions()
    {
        Assert.That(Kit.Error("frobnicate(1)").Message, Does.Contain("the functions are: min, max"));
    }

    [TestCase("round(x, 1, 2)", 0, 5)]
    [TestCase("abs()", 0, 3)]
    [TestCase("min(1)", 0, 3)]
    [TestCase("clamp(1, 2)", 0, 5)]
    [TestCase("sum(党员)", 0, 3)]
    [TestCase("count(党员, 处分, 处分)", 0, 5)]
    [TestCase("date()", 0, 4)]
    [TestCase("min(党员)", 0, 3)]
    public void Check_WrongArity_ReportsGE3004AtTheName(string text, int start, int length)
    {
        Kit.AssertError(Kit.Error(text), DiagnosticCodes.BadFunctionCall, start, length);
    }

    [Test]
    public void Check_MinOverListWithoutExpression_ShowsAnExample()
    {
        Assert.That(Kit.Error("min(党员)").Message, Does.Contain("min(党员, 得分)"));
    }

    [TestCase("round(x, n)", 9, 1)]
    [TestCase("round(x, 11)", 9, 2)]
    [TestCase("round(x, 1.5)", 9, 3)]
    [TestCase("round(x, -1)", 9, 2)]
    [TestCase("round(b)", 6, 1)]
    [TestCase("abs(书记姓名)", 4, 4)]
    [TestCase("clamp(x, b, 1)", 9, 1)]
    [TestCase("floor(成立日期)", 6, 4)]
    [TestCase("min(x, 成立日期)", 7, 4)]
    [TestCase("max(成立日期, 1)", 10, 1)]
    [TestCase("date('2024-02-30')", 5, 12)]
    [TestCase("date('2024/06/30')", 5, 12)]
    [TestCase("date(书记姓名)", 5, 4)]
    [TestCase("daysBetween(x, 成立日期)", 12, 1)]
    [TestCase("monthsBetween(成立日期, '2024-01-01')", 20, 12)]
    [TestCase("year(n)", 5, 1)]
    [TestCase("sum(x, 1)", 4, 1)]
    [TestCase("count(政治素质好)", 6, 5)]
    [TestCase("sum(党员, 处分)", 8, 2)]
    [TestCase("avg(党员, 姓名)", 8, 2)]
    [TestCase("count(党员, 得分)", 10, 2)]
    [TestCase("any(党员, 年龄)", 8, 2)]
    [TestCase("all(党员, 得分 + 1)", 8, 6)]
    [TestCase("min(党员, 处分)", 8, 2)]
    [TestCase("count(x + 1, b)", 6, 5)]
    public void Check_BadArgument_ReportsGE3003AtTheArgument(string text, int start, int length)
    {
        Kit.AssertError(Kit.Error(text), DiagnosticCodes.TypeMismatch, start, length);
    }

    [Test]
    public void Check_DateWithFullWidthDigits_IsAccepted()
    {
        Assert.That(Kit.Check("date('２０２４-０６-３０')").Type, Is.SameAs(ExprType.Date));
    }

    [Test]
    public void Check_IndependentErrors_AreAllReported()
    {
        var errors = Kit.Errors("cout(x) + y1 > 等级 or 等级 == '很好' or x + b");
        Assert.That(errors.Select(e => e.Code), Is.EqualTo(new[]
        {
            DiagnosticCodes.BadFunctionCall,
            DiagnosticCodes.UndefinedName,
            DiagnosticCodes.UnknownEnumValue,
            DiagnosticCodes.TypeMismatch,
        }));
    }

    [Test]
    public void Check_ErrorMessages_AreChineseThenEnglishInParentheses()
    {
        foreach (var text in new[] { "a1", "x + b", "cout(1)", "等级 == '很好'", "政治素质好", "round(x, 1, 2)" })
        {
            var message = Kit.Errors(text)[0].Message;
            Assert.That(message, Does.Match(@"^[^\x00-\x7F].* \([\x00-\x7F].*\)$"), message);
        }
    }

    [Test]
    public void Reads_ListsTopScopeSymbolsInFirstOccurrenceOrder()
    {
        var e = Kit.Check("x + 政治素质好.自评 + x + count(党员, 得分 > 考核分) + n");
        Assert.That(e.Reads.Select(s => s.Name), Is.EqualTo(new[] { "x", "自评", "党员", "考核分", "n" }));
        Assert.That(e.Reads[1], Is.SameAs(Schema.Top["政治素质好"].Type.Shape!.Lookup("自评")));
    }

    [Test]
    public void Reads_IncludeCompositeAndItsMembers()
    {
        var e = Kit.Check("工作实绩 + 工作实绩.他评");
        Assert.That(e.Reads.Select(s => s.Name), Is.EqualTo(new[] { "工作实绩", "他评" }));
    }

    [Test]
    public void Reads_ChildFieldsShadowTopNames()
    {
        var e = Kit.Check("count(党员, 等级 == '好')");
        Assert.That(e.Reads.Select(s => s.Name), Is.EqualTo(new[] { "党员" }));
        var both = Kit.Check("等级 == '好' and any(党员, 等级 == '较差')");
        Assert.That(both.Reads.Select(s => s.Name), Is.EqualTo(new[] { "等级", "党员" }));
    }

    [Test]
    public void Reads_OuterListInsideNestedAggregation_IsATopRead()
    {
        var e = Kit.Check("sum(党员, sum(奖励, 分值 * count(党员)))");
        Assert.That(e.Reads.Select(s => s.Name), Is.EqualTo(new[] { "党员" }));
    }

    [Test]
    public void Reads_OfTextLiteralBranchConditions_KeepSourceOrder()
    {
        var e = Kit.Check("if b then (if 已换届 then '好' else '较差') else 等级");
        Assert.That(e.Reads.Select(s => s.Name), Is.EqualTo(new[] { "b", "已换届", "等级" }));
    }

    [Test]
    public void Check_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ExpressionChecker.Check(null!, Schema.Top, null, ExpressionLimits.Default, []));
    }
}
