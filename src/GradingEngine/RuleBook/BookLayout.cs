namespace GradingEngine.RuleBook;

/// <summary>Lays a <see cref="SchemeBook"/> out as a <see cref="BookDocument"/>: the sections of a rule book, in Chinese.</summary>
internal static class BookLayout
{
    public static BookDocument Lay(SchemeBook book)
    {
        var blocks = new List<Block>();
        blocks.Add(new Paragraph($"评分规则手册 · 评定对象：{book.Subject}"));
        var facts = new List<IReadOnlyList<Line>>
        {
            Row("方案名称", book.Name),
            Row("方案编号", book.Id),
            Row("版本", book.Version),
            Row("评定对象", book.Subject),
            Row("分数精度", $"保留 {book.Precision} 位小数（四舍五入）"),
        };
        if (book.Variant is { } variant)
        {
            facts.Add([(Line)"基础方案", new Line([new Span($"《{variant.BaseName}》", variant.BaseId), new Span($"（{variant.BaseId}）")])]);
        }

        blocks.Add(new Table(["项目", "内容"], facts));
        if (book.Description is { } description)
        {
            blocks.Add(new Heading(2, "方案说明", "description"));
            blocks.Add(new Paragraph(Words.OneLine(description)));
        }

        Links(book, blocks);
        Inputs(book, blocks);
        Ratings(book, blocks);
        Values(book, blocks);
        Items(book, blocks);
        Rules(book, blocks);
        Levels(book, blocks);
        BatchRules(book, blocks);
        Measures(book, blocks);
        Overrides(book, blocks);
        blocks.Add(new Paragraph("本手册由 grading describe 根据方案文件自动生成：条件与公式由检查过的表达式译成文字，方案改动后请重新生成。"));
        return new BookDocument(book.Id, book.Name, blocks);
    }

    private static IReadOnlyList<Line> Row(params string?[] cells) => cells.Select(c => (Line)Words.OneLine(c ?? "—")).ToList();

    private static void Links(SchemeBook book, List<Block> blocks)
    {
        if (book.Links.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "关联方案", "links"));
        blocks.Add(new Paragraph("评定本对象时，一并评定下列对象，其结果可在本方案的条件中使用："));
        blocks.Add(new BulletList(book.Links.Select(l => new Line(
        [
            new Span($"{l.InputLabel}（{(l.IsList ? $"{l.Subject}名单，逐个评定" : $"一个{l.Subject}")}）：按"),
            new Span($"《{l.SchemeName}》", l.SchemeId),
            new Span($"（{l.SchemeId}）评定"),
        ])).ToList()));
    }

    private static void Inputs(SchemeBook book, List<Block> blocks)
    {
        blocks.Add(new Heading(2, "输入项", "inputs"));
        blocks.Add(new Paragraph("每个评定对象需提供（或可提供）的数据；数据可用编号或名称填写，超出取值范围的数据报错，不会被截取。"));
        blocks.Add(new Table(["名称", "编号", "类型", "取值范围", "默认值", "说明"],
            book.Inputs.Select(i => Row(i.Label, i.Id, i.Type, i.Range, i.Default, i.Description)).ToList()));
    }

    private static void Ratings(SchemeBook book, List<Block> blocks)
    {
        if (book.Ratings.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "三评（多方评价）", "ratings"));
        if (book.Raters.Count > 0)
        {
            blocks.Add(new Paragraph($"默认评价主体及权重：{string.Join("、", book.Raters.Select(r => $"{r.Label} {Words.Weight(r.Weight)}"))}（权重之和为 1）。"));
        }

        blocks.Add(new Paragraph("每个评价项的得分 = 各评价主体给分 × 权重之和；各评价主体的给分作为输入项“评价项.评价主体”提供，在 0 至满分之间。"));
        blocks.Add(new Table(["评价项", "编号", "满分", "评价主体及权重", "说明"],
            book.Ratings.Select(r => Row(r.Label, r.Id, r.Scale, r.Raters, r.Description)).ToList()));
    }

    private static void Values(SchemeBook book, List<Block> blocks)
    {
        if (book.Values.Count > 0)
        {
            blocks.Add(new Heading(2, "计算值与政策参数", "values"));
            blocks.Add(new Paragraph("由输入项算出的值；只写一个数的是政策参数（如应召开次数、扣分分值），政策部门可直接修改。"));
            blocks.Add(new Table(["名称", "编号", "取值或算法", "说明"],
                book.Values.Select(v => Row(v.Label, v.Id, v.Meaning, v.Description)).ToList()));
        }

        if (book.Flags.Count > 0)
        {
            blocks.Add(new Heading(2, "标记", "flags"));
            blocks.Add(new Table(["标记", "编号", "说明"], book.Flags.Select(f => Row(f.Label, f.Id, f.Description)).ToList()));
        }
    }

    private static void Items(SchemeBook book, List<Block> blocks)
    {
        if (book.Items.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "评分项", "items"));
        blocks.Add(new Paragraph("总分为各一级评分项得分之和。每项得分限定在 0 至该项分值之间；扣分制的项从满分起扣，加分制的项从 0 分起加，规则再加分或扣分。"));
        blocks.Add(new Table(["评分项", "编号", "分值", "计分方式", "说明"],
            book.Items.Select(i => Row(i.Label, i.Id, i.Points, i.Scoring, i.Description)).ToList(),
            book.Items.Select(i => i.Depth).ToList()));
    }

    private static void Rules(SchemeBook book, List<Block> blocks)
    {
        if (book.Rules.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "规则", "rules"));
        blocks.Add(new Paragraph("每条规则在条件成立时执行其处理；规则在它所读取的数据都已算出后执行。"));
        var number = 0;
        foreach (var rule in book.Rules)
        {
            number++;
            blocks.Add(new Heading(3, $"{number}. {Words.OneLine(rule.Description ?? rule.Id)}（{rule.Id}）"));
            var lines = new List<Line> { $"条件：{rule.Condition}" };
            lines.AddRange(rule.Actions.Select(a => (Line)$"处理：{Words.OneLine(a)}"));
            if (rule.Salience != 0)
            {
                lines.Add($"优先级：{rule.Salience}（同时可执行的规则中，数字大的先执行）");
            }

            blocks.Add(new BulletList(lines));
        }
    }

    private static void Levels(SchemeBook book, List<Block> blocks)
    {
        blocks.Add(new Heading(2, "等级", "levels"));
        blocks.Add(new Paragraph("等级从高到低排列：取第一个总分达到分数线且附加条件成立的等级，最后一个等级包括其余情形。之后，一票否决直接定级；未被否决的，闸门限定最高等级。"));
        blocks.Add(new Table(["等级", "编号", "分数线", "附加条件", "说明"],
            book.Levels.Select(l => Row(l.Label, l.Id, l.Threshold, l.Condition ?? "—", l.Description)).ToList()));
        if (book.Gates.Count > 0)
        {
            blocks.Add(new Heading(3, "闸门（限定最高等级）", "gates"));
            blocks.Add(new Table(["闸门", "编号", "条件", "最高等级"],
                book.Gates.Select(g => Row(g.Description ?? g.Id, g.Id, g.Condition, g.AtBest)).ToList()));
        }

        if (book.Vetoes.Count > 0)
        {
            blocks.Add(new Heading(3, "一票否决", "vetoes"));
            blocks.Add(new Table(["否决项", "编号", "条件", "定为"],
                book.Vetoes.Select(v => Row(v.Description ?? v.Id, v.Id, v.Condition, v.Level)).ToList()));
        }
    }

    private static void BatchRules(SchemeBook book, List<Block> blocks)
    {
        if (book.Quotas.Count == 0 && book.BottomRankings.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "名额与末位排名", "quotas"));
        blocks.Add(new Paragraph("这些规则在同一组（如同一县、同一党组织）的对象之间排名，只在成批评定时适用；排名相同时依次比较下一排名依据。"));
        blocks.Add(new Table(["名称", "编号", "种类", "规定"],
            book.Quotas.Select(q => Row(q.Label, q.Id, "名额", q.Summary))
                .Concat(book.BottomRankings.Select(b => Row(b.Label, b.Id, "末位排名", b.Summary))).ToList()));
    }

    private static void Measures(SchemeBook book, List<Block> blocks)
    {
        if (book.Measures.Count == 0)
        {
            return;
        }

        blocks.Add(new Heading(2, "措施", "measures"));
        blocks.Add(new Paragraph("规则条件成立时提出的措施；〔 〕中的内容按评定对象的数据填写。"));
        blocks.Add(new Table(["规则", "条件", "措施"],
            book.Measures.Select(m => Row($"{m.RuleName}（{m.RuleId}）", m.Condition, m.Text)).ToList()));
    }

    private static void Overrides(SchemeBook book, List<Block> blocks)
    {
        if (book.Variant is not { } variant)
        {
            return;
        }

        blocks.Add(new Heading(2, "与基础方案的差异", "overrides"));
        blocks.Add(new Paragraph(new Line(
        [
            new Span("本方案在"),
            new Span($"《{variant.BaseName}》", variant.BaseId),
            new Span($"（{variant.BaseId}）的基础上修改，其余内容与基础方案相同。"),
        ])));
        blocks.Add(new Table(["部分", "编号", "变化", "原内容（基础方案）", "现内容（本方案）"],
            variant.Overrides.Select(o => Row(o.Section, o.Id, o.Change, o.Old ?? "—", o.New ?? "—")).ToList()));
    }
}
