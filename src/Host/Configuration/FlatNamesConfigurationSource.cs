using Microsoft.Extensions.Configuration;

namespace PluginBot.Host.Configuration;

/// <summary>
/// Variables from one origin (a <c>.env</c> file or the process environment): flat names are mapped through
/// <see cref="FlatNameTable"/> (the kernel's at first, the plugins' too once their manifests are read and the
/// configuration reloaded), and <c>A__B</c> names become <c>A:B</c>, as the standard environment provider does.
/// </summary>
internal sealed class FlatNamesConfigurationSource(Func<IEnumerable<KeyValuePair<string, string>>> variables, FlatNameTable names) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(variables, names);

    private sealed class Provider(Func<IEnumerable<KeyValuePair<string, string>>> variables, FlatNameTable names) : ConfigurationProvider
    {
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in variables())
            {
                if (names.ToKey.TryGetValue(name, out var key))
                {
                    data[key] = value;
                }
                else if (name.Contains("__", StringComparison.Ordinal))
                {
                    data[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
                }
            }

            Data = data;
        }
    }
}
