using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>
/// Every price the bot knows, in three layers: the built-in <c>prices.json</c>, the operator's file
/// (<c>PriceFile</c>) and configured prices (<c>Prices</c>), each beating the one before. Lookups read an immutable
/// snapshot that a reload swaps whole; a file that fails to load keeps the prices it would have replaced.
/// </summary>
internal sealed partial class PriceCatalog : IDisposable
{
    public const string DefaultSource = "prices.json (built in)";
    private const string DefaultResource = "PluginBot.Plugins.Costs.prices.json";

    private readonly IConfiguration _section;
    private readonly string _sectionPath;
    private readonly TimeProvider _time;
    private readonly ILogger<PriceCatalog> _logger;
    private readonly PriceTable _defaults;
    private readonly string? _defaultsError;
    private readonly Lock _reloading = new();
    private readonly IDisposable _configurationChanges;
    private volatile CatalogState _state = CatalogState.Initial;
    private FileStamp? _changedStamp;

    /// <param name="section">The plugin's section, <c>Plugins:Costs</c>.</param>
    public PriceCatalog(IConfiguration section, TimeProvider time, ILogger<PriceCatalog> logger)
    {
        _section = section;
        _sectionPath = (section as IConfigurationSection)?.Path ?? "Plugins:Costs";
        _time = time;
        _logger = logger;
        (_defaults, _defaultsError) = LoadDefaults();
        Reload();
        _configurationChanges = ChangeToken.OnChange(section.GetReloadToken, Reload);
    }

    /// <summary>What is wrong now: invalid configured prices, a price file that failed to load.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var state = _state;
            return [.. Optional(_defaultsError), .. state.Overrides.Problems, .. Optional(state.FileError)];
        }
    }

    /// <summary>Why the operator's file was last refused, with the line at fault; null once it loads.</summary>
    public string? PriceFileError => _state.FileError;

    public PriceCatalogStatus Status
    {
        get
        {
            var state = _state;
            return new PriceCatalogStatus(
                _defaults.Prices.Count,
                _defaults.Updated,
                state.FilePath,
                state.File?.Prices.Count ?? 0,
                state.FileLoadedAt,
                state.Overrides.Prices.Count,
                Problems);
        }
    }

    public PriceLookup Find(ModelTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Find(target.Endpoint, target.EndpointKind, target.Model, target.IsLocal);
    }

    /// <summary>
    /// The price of a model: configured for <c>endpoint:model</c>, then for the model, then the operator's file,
    /// then the built-in one, each trying the names of <see cref="ModelNames.Candidates"/> in order. A model found
    /// nowhere is unpriced, unless its endpoint is local: then it is free.
    /// </summary>
    public PriceLookup Find(string endpoint, string endpointKind, string model, bool isLocal)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(endpointKind);
        ArgumentNullException.ThrowIfNull(model);
        var state = _state;
        var names = ModelNames.Candidates(model, endpointKind);
        return Match(state.Overrides.Prices, names.Select(name => $"{endpoint}:{name}"), PriceOrigin.Override)
            ?? Match(state.Overrides.Prices, names, PriceOrigin.Override)
            ?? Match(state.File?.Prices, names, PriceOrigin.PriceFile)
            ?? Match(_defaults.Prices, names, PriceOrigin.Default)
            ?? (isLocal ? PriceLookup.LocalFree : PriceLookup.Unpriced);
    }

    /// <summary>
    /// Reads the configured prices and the operator's file again, now. A file that fails keeps the previous file
    /// prices, logs the error and shows it in <see cref="PriceFileError"/>; configured prices always apply.
    /// </summary>
    public void Reload()
    {
        lock (_reloading)
        {
            var previous = _state;
            var overrides = PriceOverridesReader.Read(_section, _sectionPath);
            var configured = _section["PriceFile"]?.Trim();
            var next = string.IsNullOrEmpty(configured)
                ? previous with { File = null, FilePath = null, FileStamp = null, FileError = null, FileLoadedAt = null }
                : LoadFile(previous, configured);
            _state = next with { Overrides = overrides };
            Report(previous, _state);
        }
    }

    /// <summary>
    /// Reloads when the operator's file changed and has stayed the same since the last check, so a file still
    /// being written is not read half-way. Called on a timer by <see cref="PriceFileWatcher"/>.
    /// </summary>
    /// <returns>True when it reloaded.</returns>
    public bool ReloadIfFileChanged()
    {
        lock (_reloading)
        {
            var state = _state;
            if (state.FilePath is null)
            {
                return false;
            }

            var stamp = FileStamp.Of(state.FilePath);
            if (stamp == state.FileStamp)
            {
                _changedStamp = null;
                return false;
            }

            if (stamp != _changedStamp)
            {
                _changedStamp = stamp;
                return false;
            }

            _changedStamp = null;
            Reload();
            return true;
        }
    }

    public void Dispose() => _configurationChanges.Dispose();

    private CatalogState LoadFile(CatalogState previous, string configured)
    {
        string path;
        try
        {
            path = Path.GetFullPath(configured);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
        {
            return previous with { FileError = $"{_sectionPath}:PriceFile: '{configured}' is not a usable path ({ex.Message})" };
        }

        var stamp = FileStamp.Of(path);
        var result = ReadFile(configured, path, stamp);
        return result switch
        {
            PriceFileResult.Loaded loaded => previous with
            {
                File = loaded.Table,
                FilePath = path,
                FileStamp = stamp,
                FileError = null,
                FileLoadedAt = _time.GetUtcNow(),
            },
            PriceFileResult.Failed failed => previous with { FilePath = path, FileStamp = stamp, FileError = failed.Error },
            _ => throw new InvalidOperationException($"unexpected result {result}"),
        };
    }

    private PriceFileResult ReadFile(string configured, string path, FileStamp stamp)
    {
        if (!stamp.Exists)
        {
            return new PriceFileResult.Failed($"{configured}: no such file ({_sectionPath}:PriceFile is {path})");
        }

        try
        {
            return PriceFileParser.Parse(File.ReadAllBytes(path), configured);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PriceFileResult.Failed($"{configured}: cannot be read ({ex.Message})");
        }
    }

    private void Report(CatalogState previous, CatalogState current)
    {
        if (current.FileError is { } error)
        {
            LogFileRefused(error, previous.File is null ? "only built-in and configured prices apply" : "the previous prices stay");
        }
        else if (current.File is { } file && !ReferenceEquals(file, previous.File))
        {
            LogFileLoaded(file.Prices.Count, current.FilePath!);
        }

        foreach (var problem in current.Overrides.Problems.Except(previous.Overrides.Problems))
        {
            LogOverrideRefused(problem);
        }
    }

    private static PriceLookup? Match(FrozenDictionary<string, ModelPrice>? prices, IEnumerable<string> names, PriceOrigin origin)
    {
        if (prices is null || prices.Count == 0)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (prices.TryGetValue(name, out var price))
            {
                return new PriceLookup(price, name, origin);
            }
        }

        return null;
    }

    private static (PriceTable Table, string? Error) LoadDefaults()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(DefaultResource);
        if (stream is null)
        {
            return (PriceTable.Empty, $"{DefaultSource}: missing from the plugin assembly");
        }

        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return PriceFileParser.Parse(bytes.ToArray(), DefaultSource) switch
        {
            PriceFileResult.Loaded loaded => (loaded.Table, null),
            PriceFileResult.Failed failed => (PriceTable.Empty, failed.Error),
            var other => throw new InvalidOperationException($"unexpected result {other}"),
        };
    }

    private static IEnumerable<string> Optional(string? problem) => problem is null ? [] : [problem];

    [LoggerMessage(Level = LogLevel.Error, Message = "Price file refused, {Consequence}: {Error}")]
    private partial void LogFileRefused(string error, string consequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prices loaded: {Count} models from {Path}")]
    private partial void LogFileLoaded(int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configured price ignored: {Problem}")]
    private partial void LogOverrideRefused(string problem);

    /// <summary>One consistent view of the layers that can change.</summary>
    private sealed record CatalogState(
        PriceOverrides Overrides,
        PriceTable? File,
        string? FilePath,
        FileStamp? FileStamp,
        string? FileError,
        DateTimeOffset? FileLoadedAt)
    {
        public static CatalogState Initial { get; } = new(PriceOverrides.None, null, null, null, null, null);
    }
}
