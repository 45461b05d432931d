using System.Globalization;

namespace GradingEngine.Samples;

/// <summary>
/// The region tree of a sample province: one province (示例省), its cities and counties (fictional names), and
/// which organisations each county holds. Organisations are numbered county by county, so ids sort in file order:
/// <c>D</c> + city (2 digits) + county (2 digits) + sequence in the county (5 digits), e.g. <c>D010300042</c>.
/// </summary>
internal sealed class SampleRegions
{
    public const string Province = "示例省";

    private static readonly string[] CityNames =
    [
        "青岚市", "云溪市", "鹭洲市", "松岭市", "金禾市", "石湾市", "梅川市", "桐原市", "枫林市", "星湖市", "澄川市", "翠峰市", "泓波市",
    ];

    private static readonly string[] CountyFirst =
    [
        "东", "西", "南", "北", "清", "白", "安", "永", "长", "宁", "丰", "平", "新",
        "和", "兴", "广", "文", "德", "嘉", "乐", "康", "泰", "富", "顺", "华", "阳",
    ];

    private static readonly string[] CountySecond = ["湖", "岭", "溪", "塘", "川", "源", "山", "江", "桥", "城"];

    private static readonly string[] PlaceFirst =
    [
        "杏", "石", "柳", "桃", "竹", "松", "梅", "兰", "荷", "枫", "桂", "槐", "榆", "樟", "柏", "杉", "芦", "菱", "茶", "麦",
    ];

    private static readonly string[] PlaceSecond =
    [
        "花", "门", "塘", "园", "溪", "湾", "坪", "岭", "桥", "庄", "林", "山", "湖", "泉", "坡", "岗", "滩", "洲", "口", "冲",
    ];

    private static readonly string[] DistrictUnits = ["社区", "社区", "社区", "街道机关", "小学", "中学", "医院", "科技公司", "物业公司", "商会"];
    private static readonly string[] CountyUnits = ["村", "村", "村", "村", "社区", "镇机关", "小学", "中学", "卫生院", "农业合作社"];

    private readonly int[] _firstOrganisation; // per county, plus one past the end
    private readonly County[] _counties;

    public SampleRegions(int organisations, int seed)
    {
        Cities = Math.Clamp((int)Math.Round(organisations / 25_000.0, MidpointRounding.AwayFromZero), 2, CityNames.Length);
        CountiesPerCity = Math.Clamp((int)Math.Round(organisations / (Cities * 2_500.0), MidpointRounding.AwayFromZero), 2, 10);
        _counties = new County[Cities * CountiesPerCity];
        var weights = new double[_counties.Length];
        var total = 0.0;
        for (var c = 0; c < Cities; c++)
        {
            var districts = Math.Max(1, (CountiesPerCity * 2) / 5);
            for (var k = 0; k < CountiesPerCity; k++)
            {
                var index = (c * CountiesPerCity) + k;
                var rng = SampleRandom.For(seed, 3, (ulong)index);
                var name = CountyName(index, k < districts);
                _counties[index] = new County(CityNames[c], name, $"D{c + 1:00}{k + 1:00}", k < districts, rng.Uniform(0.5, 1.5));
                weights[index] = rng.Uniform(0.7, 1.3);
                total += weights[index];
            }
        }

        // Counties of different sizes; boundaries by rounding the cumulative share, so every organisation has one county.
        _firstOrganisation = new int[_counties.Length + 1];
        var cumulative = 0.0;
        for (var i = 0; i < _counties.Length; i++)
        {
            cumulative += weights[i];
            _firstOrganisation[i + 1] = i == _counties.Length - 1 ? organisations : (int)Math.Round(organisations * (cumulative / total), MidpointRounding.AwayFromZero);
        }
    }

    public int Cities { get; }

    public int CountiesPerCity { get; }

    public int Counties => _counties.Length;

    /// <summary>The county an organisation belongs to, and its 0-based sequence number there.</summary>
    public (County County, int Sequence) Locate(int organisation)
    {
        var i = Array.BinarySearch(_firstOrganisation, organisation);
        if (i < 0)
        {
            i = ~i - 1;
        }

        // Counties that got no organisation share a boundary: take the last county starting here.
        while (i + 1 < _counties.Length && _firstOrganisation[i + 1] <= organisation)
        {
            i++;
        }

        return (_counties[i], organisation - _firstOrganisation[i]);
    }

    /// <summary>The id of an organisation: its county's prefix and its 5-digit sequence number (from 1).</summary>
    public string OrganisationId(int organisation)
    {
        var (county, sequence) = Locate(organisation);
        return string.Create(CultureInfo.InvariantCulture, $"{county.IdPrefix}{sequence + 1:00000}");
    }

    /// <summary>An id no organisation has: city 99 does not exist.</summary>
    public static string UnknownOrganisationId(int organisation) =>
        string.Create(CultureInfo.InvariantCulture, $"D99{organisation % 100:00}{organisation % 100_000:00000}");

    /// <summary>
    /// A name such as <c>青岚市东湖区杏塘社区党支部</c>. Place names are unique within a county for its first 400
    /// organisations; later ones add a branch number.
    /// </summary>
    public static string OrganisationName(County county, int sequence, ref SampleRandom rng)
    {
        var kind = rng.Next(0, 20);
        if (kind == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{county.City}{county.Name}第{sequence + 1}党支部");
        }

        var units = county.IsDistrict ? DistrictUnits : CountyUnits;
        var unit = units[rng.Next(0, units.Length)];
        var place = (sequence * 151 + 37) % 400; // 151 is prime to 400: a permutation of the 400 place names
        var name = PlaceFirst[place % 20] + PlaceSecond[place / 20];
        return sequence < 400
            ? $"{county.City}{county.Name}{name}{unit}党支部"
            : string.Create(CultureInfo.InvariantCulture, $"{county.City}{county.Name}{name}{unit}第{(sequence / 400) + 1}党支部");
    }

    private static string CountyName(int index, bool district)
    {
        var shuffled = (index * 83) % (CountyFirst.Length * CountySecond.Length); // 83 is prime to 260: all 130 names differ
        return CountyFirst[shuffled % CountyFirst.Length] + CountySecond[shuffled / CountyFirst.Length] + (district ? "区" : "县");
    }

    /// <summary>A county (or district).</summary>
    /// <param name="City">The city's name.</param>
    /// <param name="Name">The county's name, ending in 区 or 县.</param>
    /// <param name="IdPrefix"><c>D</c> + city and county numbers.</param>
    /// <param name="IsDistrict">An urban district (区) rather than a county (县).</param>
    /// <param name="Weakness">How much more often than average its organisations are weak (0.5–1.5).</param>
    internal sealed record County(string City, string Name, string IdPrefix, bool IsDistrict, double Weakness);
}
