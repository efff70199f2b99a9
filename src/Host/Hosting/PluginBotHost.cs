using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        ConfigureSources(builder.Configuration, options);

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
        var catalog = LoadPlugins(builder, settings, options);
        builder.Services.AddSingleton(catalog);
        options.Configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(); // empty 404/405/413 answers become problem details too
        OperationsServices.Map(app);
        app.UseMiddleware<BearerAuthentication>();
        KernelEndpoints.Map(app);
        foreach (var plugin in catalog.Active.ToList())
        {
            if (plugin.Instance is IEndpointContributor endpoints)
            {
                try
                {
                    endpoints.MapEndpoints(app);
                }
                catch (Exception ex)
                {
                    plugin.Fail(PluginStatus.Malfunctioned, $"threw while mapping its endpoints: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        return app;
    }

    private static void ConfigureSources(ConfigurationManager configuration, HostBuildOptions options)
    {
        // Precedence, lowest first: appsettings.json < .env < environment < command line < overrides.
        configuration.Sources.Clear();
        configuration.SetBasePath(AppContext.BaseDirectory);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);
        if (options.DotEnvPath is { } dotEnv)
        {
            var path = Path.GetFullPath(dotEnv);
            ((IConfigurationBuilder)configuration).Add(new FlatNamesConfigurationSource(() => DotEnvFile.Read(path)));
        }

        if (options.UseEnvironment)
        {
            ((IConfigurationBuilder)configuration).Add(new FlatNamesConfigurationSource(() =>
                Environment.GetEnvironmentVariables().Keys.Cast<string>()
                    .Select(k => new KeyValuePair<string, string>(k, Environment.GetEnvironmentVariable(k) ?? ""))));
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

    private static PluginCatalog LoadPlugins(WebApplicationBuilder builder, KernelSettings settings, HostBuildOptions options)
    {
        // The container does not exist yet: plugin loading logs through a factory of its own, to the same places.
        using var bootstrapLogs = LoggerFactory.Create(logging =>
            AddLogDestinations(logging.AddConfiguration(builder.Configuration.GetSection("Logging")), options));
        var logger = bootstrapLogs.CreateLogger("PluginBot.Plugins");
        var plugins = new PluginDiscovery(logger).Discover(settings.PluginsPath);
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
