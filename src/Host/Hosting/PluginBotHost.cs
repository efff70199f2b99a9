using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Configuration;
using PluginBot.Host.Http;
using PluginBot.Host.Operations;
using PluginBot.Host.Plugins;
using PluginBot.Host.Settings;

namespace PluginBot.Host.Hosting;

/// <summary>Builds the application: configuration, kernel services, plugins, HTTP. Starting it is the caller's choice.</summary>
internal static class PluginBotHost
{
    public static WebApplication Build(HostBuildOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var flatNames = new FlatNameTable();
        ConfigureSources(builder.Configuration, options, flatNames);

        var (settings, errors) = KernelSettings.Load(builder.Configuration);
        var (projects, projectErrors) = ProjectRegistry.Load(builder.Configuration);
        var (operations, operationErrors) = OperationsSettings.Load(builder.Configuration);
        if (settings is null || projectErrors.Count > 0 || operationErrors.Count > 0)
        {
            throw new KernelConfigurationException([.. errors, .. projectErrors, .. operationErrors]);
        }

        builder.Logging.ClearProviders();
        AddLogDestinations(builder.Logging, options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.HttpBind, settings.HttpPort);
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        KernelServices.Add(builder.Services, settings, projects, builder.Configuration);
        OperationsServices.Add(builder, operations, options.UseEnvironment ? WatchdogSettings.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId) : WatchdogSettings.Off);
        var catalog = LoadPlugins(builder, settings, options, flatNames);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(flatNames);
        options.Configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // empty 404/405/413 answers become problem details too
        OperationsServices.Map(app);
        app.UseMiddleware<BearerAuthentication>();
        KernelEndpoints.Map(app);
        MapPluginEndpoints(app, catalog);
        return app;
    }

    /// <summary>
    /// Each plugin maps its endpoints into a route group of its own, whose filter answers 503 with the reason once the
    /// plugin is not running (it failed later, or a dependency did). A plugin that throws while mapping stops; the
    /// routes it mapped before throwing stay, answering 503.
    /// </summary>
    private static void MapPluginEndpoints(WebApplication app, PluginCatalog catalog)
    {
        foreach (var plugin in catalog.Active.ToList())
        {
            if (plugin.Instance is not IEndpointContributor endpoints || plugin.Status != PluginStatus.Active)
            {
                continue;
            }

            var group = app.MapGroup("");
            group.AddEndpointFilter(async (context, next) => plugin.Status == PluginStatus.Active
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: Redaction.Text(plugin.NotRunningMessage)));
            try
            {
                endpoints.MapEndpoints(group);
            }
            catch (Exception ex)
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Plugins");
                foreach (var stopped in catalog.MarkMalfunctioned(plugin, $"threw while mapping its endpoints: {ex.GetType().Name}: {ex.Message}"))
                {
                    logger.LogError(stopped == plugin ? ex : null, "Plugin {Plugin} stopped, the host goes on: {Status}: {Reason}", stopped.Manifest.Id, stopped.Status, Redaction.Text(stopped.Reason));
                }
            }
        }
    }

    private static void ConfigureSources(ConfigurationManager configuration, HostBuildOptions options, FlatNameTable flatNames)
    {
        // Precedence, lowest first: appsettings.json < .env < environment < command line < overrides.
        configuration.Sources.Clear();
        configuration.SetBasePath(AppContext.BaseDirectory);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        if (options.DotEnvPath is { } dotEnv)
        {
            var path = Path.GetFullPath(dotEnv);
            ((IConfigurationBuilder)configuration).Add(new FlatNamesConfigurationSource(() => DotEnvFile.Read(path), flatNames));
        }

        if (options.UseEnvironment)
        {
            ((IConfigurationBuilder)configuration).Add(new FlatNamesConfigurationSource(() =>
                Environment.GetEnvironmentVariables().Keys.Cast<string>()
                    .Select(k => new KeyValuePair<string, string>(k, Environment.GetEnvironmentVariable(k) ?? "")), flatNames));
        }

        configuration.AddCommandLine([.. options.Args]);
        configuration.AddInMemoryCollection(options.Overrides);
    }

    private static void AddLogDestinations(ILoggingBuilder logging, HostBuildOptions options)
    {
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        foreach (var provider in options.LoggerProviders)
        {
            logging.AddProvider(new SharedLoggerProvider(provider));
        }
    }

    private static PluginCatalog LoadPlugins(WebApplicationBuilder builder, KernelSettings settings, HostBuildOptions options, FlatNameTable flatNames)
    {
        // The container does not exist yet: plugin loading logs through a factory of its own, to the same places.
        using var bootstrapLogs = LoggerFactory.Create(logging =>
            AddLogDestinations(logging.AddConfiguration(builder.Configuration.GetSection("Logging")), options));
        var logger = bootstrapLogs.CreateLogger("PluginBot.Plugins");
        var plugins = new PluginDiscovery(logger).Discover(settings.PluginsPath);
        // The manifests name the plugins' flat environment variables: read them again with those names known.
        foreach (var plugin in plugins.Where(p => p.Status == PluginStatus.Active).OrderBy(p => p.Manifest.Id, StringComparer.Ordinal))
        {
            plugin.Warnings.AddRange(flatNames.Add(plugin.Manifest));
        }

        ((IConfigurationRoot)builder.Configuration).Reload();
        new PluginRegistrar(builder.Configuration, settings.DataDirectory, bootstrapLogs).RegisterAll(plugins, builder.Services);
        return new PluginCatalog(plugins);
    }
}

/// <summary>Lends a provider to a logger factory without letting the factory dispose it.</summary>
internal sealed class SharedLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
