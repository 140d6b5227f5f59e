using System.Text;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Postgres;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// What a rollup transaction tells the standbys as it commits (a <c>NOTIFY</c> on <see cref="Channel"/>): the replica,
/// the cursor, and the (org unit, period) pairs whose figures or values it wrote, or "*" for any (a rebuild, or more
/// than fit in a notification's 8000 bytes). Read back by <see cref="Parse"/>.
/// </summary>
internal sealed class RollupNotice
{
    private const int MaxPayload = 7900;
    private const string Everything = "*";

    private readonly HashSet<(string OrgUnit, string Period)> _touched = [];
    private bool _all;

    /// <summary>The cursor the transaction set; null when it set none.</summary>
    public long? Cursor
    {
        get;
        set
        {
            field = value;
            Version++;
        }
    }

    /// <summary>Goes up with every change of the notice: a payload sent at one version is stale at a later one.</summary>
    public int Version { get; private set; }

    /// <summary>The channel of a service's schema: services sharing a database do not hear each other.</summary>
    public static string Channel(PostgresDatabase database) => database.Schema + "_rollups";

    public void Touch(IEnumerable<(string OrgUnit, string Period)> pairs)
    {
        Version++;
        if (!_all)
        {
            _touched.UnionWith(pairs);
        }
    }

    public void Touch(IEnumerable<NodeKey> keys) => Touch(keys.Select(k => (k.OrgUnit, k.Period.ToString())));

    public void TouchAll()
    {
        Version++;
        _all = true;
        _touched.Clear();
    }

    /// <summary>"replica|cursor|org:period;org:period…" (an empty cursor for none), or "*" for the pairs.</summary>
    public string Payload(string replica)
    {
        var payload = new StringBuilder().Append(replica).Append('|').Append(Cursor?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('|');
        var head = payload.Length;
        var bytes = Encoding.UTF8.GetByteCount(payload.ToString());
        if (!_all)
        {
            foreach (var (orgUnit, period) in _touched)
            {
                payload.Append(orgUnit).Append(':').Append(period).Append(';');
                bytes += Encoding.UTF8.GetByteCount(orgUnit) + Encoding.UTF8.GetByteCount(period) + 2;
                if (bytes > MaxPayload)
                {
                    return payload.Remove(head, payload.Length - head).Append(Everything).ToString();
                }
            }
            return payload.ToString();
        }
        return payload.Append(Everything).ToString();
    }

    /// <summary>The replica that committed and what it committed; null for a payload this build does not read.</summary>
    public static (string Replica, RollupCommit Commit)? Parse(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length != 3)
        {
            return null;
        }
        long? cursor = long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;
        if (parts[2] == Everything)
        {
            return (parts[0], new RollupCommit(cursor, null));
        }
        var touched = new List<(string, Period)>();
        foreach (var pair in parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon > 0 && Period.TryParse(pair[(colon + 1)..], out var period))
            {
                touched.Add((pair[..colon], period));
            }
        }
        return (parts[0], new RollupCommit(cursor, touched));
    }
}
