namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// Thrown from <see cref="IPlugin.ConfigureServices"/> when the plugin's own settings are missing or invalid.
/// The host marks the plugin NotConfigured with this message and keeps running.
/// </summary>
public sealed class PluginNotConfiguredException : Exception
{
    /// <summary>Creates the exception; the message should name each setting and how to fix it.</summary>
    public PluginNotConfiguredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public PluginNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PluginNotConfiguredException()
    {
    }
}
