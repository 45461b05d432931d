using GradingEngine.Grading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GradingEngine.DependencyInjection;

/// <summary>Options for <c>AddGradingEngine</c>.</summary>
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
        BackEndName = null;
        return this;
    }

    /// <summary>
    /// The back end, by name: <c>plan</c> or the name of a back end registered in the container (the NRules package's
    /// <c>services.AddNRulesBackEnd()</c> registers <c>nrules</c>). Resolved when the catalogue is first resolved.
    /// </summary>
    public GradingEngineOptions UseBackEnd(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        BackEndName = name;
        BackEnd = BackEnds.GradingBackEnd.Plan;
        return this;
    }

    internal BackEnds.GradingBackEnd BackEnd { get; private set; } = BackEnds.GradingBackEnd.Plan;

    internal string? BackEndName { get; private set; }

    internal SchemeCatalogue Build(IEnumerable<BackEnds.GradingBackEnd> registered) =>
        SchemeCatalogue.Combine([.. (_shipped ? [SchemeCatalogue.Shipped] : Array.Empty<SchemeCatalogue>()), new SchemeCatalogue(_schemes), .. _folders.Select(SchemeCatalogue.LoadFolder)])
            .WithBackEnd(BackEndName is { } name ? GradingConfiguration.ResolveBackEnd(name, registered) : BackEnd);
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
        services.AddSingleton(provider => options.Build(provider.GetServices<BackEnds.GradingBackEnd>()));
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="SchemeCatalogue"/> configured by a configuration section, for example
    /// <c>services.AddGradingEngine(configuration.GetSection("Grading"))</c> over
    /// <c>{ "Grading": { "SchemeFolders": [ "schemes/local" ], "Engine": "nrules" } }</c>. Keys:
    /// <c>ShippedSchemes</c> (default true), <c>SchemeFolders</c>, <c>Engine</c> (<c>plan</c> or <c>nrules</c>; the
    /// NRules back end must be registered with <c>AddNRulesBackEnd()</c>); <c>Threads</c> and <c>ProvinceScheme</c> are
    /// read by the batch package's <c>AddProvinceGrader(IConfiguration)</c>. An unknown key throws, so a typo is not
    /// ignored. <paramref name="configure"/> runs after the section is applied.
    /// </summary>
    /// <exception cref="InvalidOperationException">The section has an unknown key or a value of the wrong form.</exception>
    public static IServiceCollection AddGradingEngine(this IServiceCollection services, IConfiguration section, Action<GradingEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services.AddGradingEngine(options =>
        {
            GradingConfiguration.Apply(section, options);
            configure?.Invoke(options);
        });
    }
}
