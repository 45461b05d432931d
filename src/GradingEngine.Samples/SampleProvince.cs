using GradingEngine.Grading;

namespace GradingEngine.Samples;

/// <summary>
/// Writes a made-up but realistic province of organisations, leadership teams and members as the input files of a
/// batch run: <c>organisations</c>, <c>teams</c>, <c>members</c> and <c>last-year</c> (<c>.csv</c> or <c>.jsonl</c>).
/// The columns are the labels of the organisation scheme's inputs and of the member and team schemes it links, so the
/// files grade as they are. The same seed and options always give byte-identical files, on any runtime.
/// </summary>
/// <remarks>
/// <para>Files and columns (CSV header names; JSON Lines property names are the same):</para>
/// <list type="bullet">
/// <item><c>organisations</c>: <c>组织编号,组织名称,省,市,县</c>, then every input of the organisation scheme except the
/// linked member list and team, by label. One row per organisation.</item>
/// <item><c>teams</c>: <c>组织编号</c>, then every input of the team scheme by label; a rater score is headed
/// <c>评价项标签.评价主体标签</c>, e.g. <c>政治素质好测评.班子自评</c>. One row per organisation.</item>
/// <item><c>members</c>: <c>党员编号,组织编号</c>, then every input of the member scheme. 3–50 rows per organisation
/// (about 20 on average), grouped by organisation in organisation order; member ids are <c>组织编号-001</c> ….</item>
/// <item><c>last-year</c> (when <see cref="SampleProvinceOptions.LastYear"/>): <c>组织编号,等级</c>, last year's level
/// label of the organisation scheme.</item>
/// </list>
/// <para>Organisations sit in one province (示例省), 2–13 cities and 2–10 counties per city, by scale; ids are
/// <c>D</c> + city + county + sequence (<c>D010300042</c>), so they sort in file order. Each file is written to
/// <c>name.tmp</c> and renamed when complete; on failure or cancellation no partial file keeps a final name.</para>
/// <para>The spread of results under the shipped schemes is calibrated: under 三分类三升级 about 70% 一类, 20% 二类
/// and 10% 三类; members mostly 合格 and 优秀 (优秀 at most a third of a branch in nearly every branch), a few 基本合格
/// and 不合格, about 2% 预备党员 and a rare 自行脱党; teams mostly 合格 or 四好班子, a few 不合格. Year over year most
/// organisations stay level, some move up (among them weak ones turned round) and a few fall.</para>
/// </remarks>
public static class SampleProvince
{
    /// <summary>The organisation file's name without extension.</summary>
    public const string OrganisationsFile = "organisations";

    /// <summary>The team file's name without extension.</summary>
    public const string TeamsFile = "teams";

    /// <summary>The member file's name without extension.</summary>
    public const string MembersFile = "members";

    /// <summary>Last year's levels' file name without extension.</summary>
    public const string LastYearFile = "last-year";

    private const int ProgressEvery = 1024;

    /// <summary>A sample file's name with the format's extension, e.g. <c>members.csv</c>.</summary>
    /// <param name="table">One of <see cref="OrganisationsFile"/>, <see cref="TeamsFile"/>, <see cref="MembersFile"/>, <see cref="LastYearFile"/>.</param>
    /// <param name="format">The format.</param>
    public static string FileName(string table, SampleFileFormat format) =>
        table + (format == SampleFileFormat.JsonLines ? ".jsonl" : ".csv");

    /// <summary>Writes a sample province into <paramref name="folder"/> (created if need be; files there of the same names are replaced).</summary>
    /// <param name="folder">Where to write the files.</param>
    /// <param name="organisationScheme">
    /// The organisation scheme, e.g. <c>org-sanfenlei</c> loaded with <see cref="SchemeCatalogue.LoadFolder(string)"/>.
    /// It must link a member list and a leadership team; their schemes give the member and team columns.
    /// </param>
    /// <param name="options">Scale, seed, format, encoding, whether to write last year's levels, bad rows.</param>
    /// <param name="progress">Told the total of rows written so far (all files), now and then and at the end.</param>
    /// <param name="cancellationToken">Stops writing; the temporary files are deleted.</param>
    /// <returns>The files, their row counts and the bad rows written.</returns>
    /// <exception cref="ArgumentException">The scheme links no member list or no team.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static SampleProvinceInfo Write(
        string folder,
        GradingScheme organisationScheme,
        SampleProvinceOptions options,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(organisationScheme);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Organisations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Organisations, SampleProvinceOptions.MaxOrganisations, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CorruptRowsPerFile, nameof(options));
        if (!Enum.IsDefined(options.Format) || !Enum.IsDefined(options.Encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Unknown format or encoding.");
        }

        var schema = SampleSchema.For(organisationScheme);
        var regions = new SampleRegions(options.Organisations, options.Seed);
        var generator = new SampleGenerator(schema, regions);
        var json = options.Format == SampleFileFormat.JsonLines;
        var encoding = SampleEncodings.For(options.Format, options.Encoding);
        var utf8 = json || options.Encoding != SampleEncoding.Gb18030;
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);

        var writers = new List<SampleTableWriter>();
        try
        {
            SampleTableWriter Open(string table, IReadOnlyList<SampleColumn> columns)
            {
                var writer = new SampleTableWriter(folder, FileName(table, options.Format), [.. columns.Select(c => c.Name)], json, encoding);
                writers.Add(writer);
                return writer;
            }

            var organisations = Open(OrganisationsFile, schema.Organisations);
            var teams = Open(TeamsFile, schema.Teams);
            var members = Open(MembersFile, schema.Members);
            var lastYear = options.LastYear ? Open(LastYearFile, schema.LastYear) : null;

            var n = options.Organisations;
            var corrupt = Math.Min(options.CorruptRowsPerFile, n);
            var organisationFaults = new SampleCorruptor(schema.Organisations, SampleColumnRole.OrganisationId, n, corrupt, 1, SampleCorruptor.Kinds(organisationFile: true, utf8));
            var teamFaults = new SampleCorruptor(schema.Teams, SampleColumnRole.OrganisationId, n, corrupt, 2, SampleCorruptor.Kinds(organisationFile: false, utf8));
            var memberFaults = new SampleCorruptor(schema.Members, SampleColumnRole.MemberId, n, corrupt, 3, SampleCorruptor.Kinds(organisationFile: false, utf8));
            var records = new List<SampleCorruptRow>[] { [], [], [] };

            var organisationCells = new SampleCell[schema.Organisations.Count];
            var teamCells = new SampleCell[schema.Teams.Count];
            var memberCells = new SampleCell[schema.Members.Count];
            var lastYearCells = new SampleCell[schema.LastYear.Count];
            var o = new SampleOrganisation();
            string? lastOwnId = null;
            for (var i = 0; i < n; i++)
            {
                if (i % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (i > 0)
                    {
                        progress?.Report(writers.Sum(w => w.Rows));
                    }
                }

                var rng = SampleRandom.For(options.Seed, 1, (ulong)i);
                generator.Build(o, i, ref rng);

                generator.FillOrganisation(o, organisationCells);
                var cutShort = organisationFaults.TryApply(i, organisationCells, lastOwnId, out var kind);
                if (kind is not null)
                {
                    records[0].Add(new SampleCorruptRow(organisations.FileName, organisations.NextLine, kind));
                }

                organisations.WriteRow(organisationCells, cutShort);
                if (kind is not (SampleCorruptionKinds.MissingId or SampleCorruptionKinds.DuplicateId))
                {
                    lastOwnId = o.Id;
                }

                generator.FillTeam(o, teamCells, ref rng);
                cutShort = teamFaults.TryApply(i, teamCells, lastOwnId, out kind);
                if (kind is not null)
                {
                    records[1].Add(new SampleCorruptRow(teams.FileName, teams.NextLine, kind));
                }

                teams.WriteRow(teamCells, cutShort);

                for (var j = 0; j < o.MemberCount; j++)
                {
                    generator.FillMember(o, j, memberCells, ref rng);
                    cutShort = false;
                    kind = null;
                    if (j == o.MemberCount / 2)
                    {
                        cutShort = memberFaults.TryApply(i, memberCells, lastOwnId, out kind);
                    }

                    if (kind is not null)
                    {
                        records[2].Add(new SampleCorruptRow(members.FileName, members.NextLine, kind));
                    }

                    members.WriteRow(memberCells, cutShort);
                }

                if (lastYear is not null)
                {
                    generator.FillLastYear(o, lastYearCells);
                    lastYear.WriteRow(lastYearCells);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var writer in writers)
            {
                writer.Complete();
            }

            progress?.Report(writers.Sum(w => w.Rows));
            return new SampleProvinceInfo(
                folder,
                [.. writers.Select(w => new SampleFileInfo(w.FileName, w.Rows))],
                n,
                (int)teams.Rows,
                members.Rows,
                regions.Cities,
                regions.Counties,
                [.. records.SelectMany(r => r)]);
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }
}
