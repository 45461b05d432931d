using GradingEngine.Grading;
using Microsoft.Extensions.DependencyInjection;

namespace GradingEngine.DependencyInjection;

/// <summary>Options for <see cref="GradingEngineServiceCollectionExtensions.AddGradingEngine"/>.</summary>
public sealed class GradingEngineOptions
{
    private readonly List<string> _folders = [];
    private readonly List<GradingScheme> _schemes = [];
    private bool _shipped;

    /// <summary>
    /// Adds the schemes shipped with the library (<see cref="SchemeCatalogue.Shipped"/>: <c>org-sanfenlei</c>,
    /// <c>member-wudai</c>, <c>team-sihao</c> …) to the catalogue; no folder is needed. A folder or scheme added
    /// beside them must not reuse one of their ids.
    /// </summary>
    public GradingEngineOptions AddShippedSchemes()
    {
        _shipped = true;
        return this;
    }

    /// <summary>Loads every <c>*.json</c> scheme in a folder into the catalogue.</summary>
    public GradingEngineOptions AddSchemeFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folders.Add(folder);
        return this;
    }

    /// <summary>Adds an already loaded scheme to the catalogue.</summary>
    public GradingEngineOptions AddScheme(GradingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        _schemes.Add(scheme);
        return this;
    }

    /// <summary>
    /// The back end every scheme of the catalogue grades with: <see cref="BackEnds.GradingBackEnd.Plan"/> (the default
    /// and the fastest) or the NRules back end (<c>GradingEngine.NRules.NRulesBackEnd.Instance</c>). Results are identical.
    /// </summary>
    public GradingEngineOptions UseBackEnd(BackEnds.GradingBackEnd backEnd)
    {
        ArgumentNullException.ThrowIfNull(backEnd);
        BackEnd = backEnd;
        return this;
    }

    /// <summary>
    /// Also registers a <see cref="Batch.ProvinceGrader"/> for the organisation scheme with this id (for example
    /// <c>org-sanfenlei</c>), which must link a member list and a team, to grade whole provinces.
    /// </summary>
    public GradingEngineOptions AddProvinceGrader(string organisationSchemeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisationSchemeId);
        ProvinceScheme = organisationSchemeId;
        return this;
    }

    internal BackEnds.GradingBackEnd BackEnd { get; private set; } = BackEnds.GradingBackEnd.Plan;

    internal string? ProvinceScheme { get; private set; }

    internal SchemeCatalogue Build() =>
        new SchemeCatalogue((_shipped ? SchemeCatalogue.Shipped.All : []).Concat(_schemes).Concat(_folders.SelectMany(f => SchemeCatalogue.LoadFolder(f).All)))
            .WithBackEnd(BackEnd);
}

/// <summary>Registers GradingEngine with Microsoft.Extensions.DependencyInjection.</summary>
public static class GradingEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="SchemeCatalogue"/> built from the configured folders and schemes. Schemes are
    /// loaded and compiled when the catalogue is first resolved; a scheme with problems makes that resolution throw
    /// a <see cref="Diagnostics.SchemeLoadException"/> listing them all.
    /// </summary>
    public static IServiceCollection AddGradingEngine(this IServiceCollection services, Action<GradingEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new GradingEngineOptions();
        configure(options);
        services.AddSingleton(_ => options.Build());
        if (options.ProvinceScheme is { } id)
        {
            services.AddSingleton(provider => new Batch.ProvinceGrader(provider.GetRequiredService<SchemeCatalogue>()[id]));
        }

        return services;
    }
}
