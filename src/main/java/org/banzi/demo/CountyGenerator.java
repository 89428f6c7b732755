package org.banzi.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.banzi.cadres.IdNumbers;

/**
 * Generates one county shaped like the seed's, reproducibly from a seed number: its units, cadres, posts, teams,
 * a year of study and training. The year's records are made so that their aggregates give the seed's Section I
 * figures; nothing here writes a figure, only records.
 */
final class CountyGenerator {

	static final int TOWNSHIPS = 20;
	static final int DEPARTMENTS = 60;
	static final int VILLAGES_PER_TOWNSHIP = 5;
	static final int CADRES = 12_000;
	static final int COUNTY_PRINCIPALS = 40;
	static final int COUNTY_DEPUTIES = 372;
	static final int SECTION_PRINCIPALS = 520;
	static final int SECTION_DEPUTIES = 958;
	static final int COUNTY_TEAM = 11;
	static final int TOWNSHIP_TEAM = 9;
	static final int DEPARTMENT_TEAM = 5;
	static final int TOWNSHIPS_ADJUSTED = 7;
	static final int DEPARTMENTS_ADJUSTED = 15;
	static final int EXCHANGED = 6;
	static final int CLASSES = 142;
	static final int COMPLETIONS = 11_300;
	static final int COMPLETIONS_SECTION_AND_ABOVE = 1_190;
	static final int NON_COMPLETIONS = 150;

	private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
	private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬建国文斌辉波宁亮海燕志新春梅东林云飞鹏宇浩凯俊峰健琳婷雪晨阳光荣兴旺德忠";
	private static final String TEXT = "学习贯彻党的理论路线方针政策坚持以人民为中心的发展思想深化改革推动高质量发展加强基层组织建设密切联系群众"
			+ "解放思想实事求是与时俱进求真务实艰苦奋斗廉洁自律担当作为服务群众推进乡村振兴巩固脱贫成果改善民生福祉";

	final String prefix;
	final int year;
	final Random random;
	final List<String[]> units = new ArrayList<>();
	final List<Cadre> cadres = new ArrayList<>();

	record Cadre(String number, String name, char gender, LocalDate birth, String rank, String unit, String idNumber) {
	}

	/** Self-study entries a year of a cadre who is on no team: the seed county's are about 80; a province's fewer. */
	final int otherSelfStudy;

	CountyGenerator(String prefix, int year, long seed) {
		this(prefix, year, seed, 80);
	}

	CountyGenerator(String prefix, int year, long seed, int otherSelfStudy) {
		this.prefix = prefix;
		this.year = year;
		this.random = new Random(seed);
		this.otherSelfStudy = otherSelfStudy;
	}

	String code(String part) {
		return prefix + part;
	}

	String townshipCode(int i) {
		return code(String.format("T%02d", i));
	}

	String departmentCode(int i) {
		return code(String.format("D%02d", i));
	}

	LocalDate day(int month, int dayOfMonth) {
		return LocalDate.of(year, month, dayOfMonth);
	}

	String name() {
		return String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length()))) + GIVEN.charAt(random.nextInt(GIVEN.length()))
				+ (random.nextBoolean() ? String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length()))) : "");
	}

	/** Text of exactly {@code length} Chinese characters, as notes are counted. */
	/** A note's text of {@code length} counted characters, with the commas and full stops of real prose between them. */
	String text(int length) {
		StringBuilder out = new StringBuilder(length + length / 8);
		int start = random.nextInt(TEXT.length());
		for (int i = 0; i < length; i++) {
			out.append(TEXT.charAt((start + i) % TEXT.length()));
			if (i + 1 < length && (i + 1) % 12 == 0) {
				out.append((i + 1) % 48 == 0 ? '。' : '，');
			}
		}
		return out.append('。').toString();
	}

	String idNumber(LocalDate birth, char gender, int sequence) {
		// each county its own block of region codes, so that no two generated cadres share an ID number
		String digits = prefix.replaceAll("\\D", "");
		int county = digits.isEmpty() ? 0 : Integer.parseInt(digits);
		String region = String.format("%06d", 110000 + county * 30 + sequence / 500);
		int order = (sequence % 500) * 2 + (gender == 'M' ? 1 : 0);
		String first17 = region + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", order % 1000);
		return first17 + IdNumbers.checkCharacter(first17);
	}

	/** The units: a government, a party school, townships with villages, departments. */
	void generateUnits(String countyCode) {
		units.add(new String[] { code("GOV"), "县人民政府", "COUNTY_GOVERNMENT", countyCode });
		units.add(new String[] { code("PS"), "县委党校", "PARTY_SCHOOL", countyCode });
		for (int t = 1; t <= TOWNSHIPS; t++) {
			units.add(new String[] { townshipCode(t), "第" + t + "镇", "TOWNSHIP", countyCode });
			for (int v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
				units.add(new String[] { townshipCode(t) + "V" + v, "第" + t + "镇" + v + "村", "VILLAGE", townshipCode(t) });
			}
		}
		for (int d = 1; d <= DEPARTMENTS; d++) {
			units.add(new String[] { departmentCode(d), "县直部门" + d, "DEPARTMENT", countyCode });
		}
	}

	/** Cadres by rank, placed where such cadres work. */
	void generateCadres(String countyCode) {
		int n = 0;
		for (int i = 0; i < CADRES; i++) {
			String rank;
			String unit;
			if (i < COUNTY_PRINCIPALS) {
				rank = "COUNTY_PRINCIPAL";
				unit = i < 6 ? countyCode : (i < 12 ? code("GOV") : departmentCode(1 + i % DEPARTMENTS));
			}
			else if (i < COUNTY_PRINCIPALS + COUNTY_DEPUTIES) {
				rank = "COUNTY_DEPUTY";
				unit = i < COUNTY_PRINCIPALS + 10 ? countyCode : departmentCode(1 + i % DEPARTMENTS);
			}
			else if (i < COUNTY_PRINCIPALS + COUNTY_DEPUTIES + SECTION_PRINCIPALS) {
				rank = "SECTION_PRINCIPAL";
				unit = i % 2 == 0 ? townshipCode(1 + (i / 2) % TOWNSHIPS) : departmentCode(1 + (i / 2) % DEPARTMENTS);
			}
			else if (i < COUNTY_PRINCIPALS + COUNTY_DEPUTIES + SECTION_PRINCIPALS + SECTION_DEPUTIES) {
				rank = "SECTION_DEPUTY";
				unit = i % 2 == 0 ? townshipCode(1 + (i / 2) % TOWNSHIPS) : departmentCode(1 + (i / 2) % DEPARTMENTS);
			}
			else {
				rank = "STAFF";
				int place = i % 3;
				unit = place == 0 ? townshipCode(1 + i % TOWNSHIPS) + "V" + (1 + i % VILLAGES_PER_TOWNSHIP)
						: place == 1 ? townshipCode(1 + i % TOWNSHIPS) : departmentCode(1 + i % DEPARTMENTS);
			}
			char gender = random.nextInt(10) < 7 ? 'M' : 'F';
			// ages that fit the rank: county-level cadres born 1965-1980, section principals to 1985, deputies to 1990
			int[] born = switch (rank) {
				case "COUNTY_PRINCIPAL", "COUNTY_DEPUTY" -> new int[] { 1965, 16 };
				case "SECTION_PRINCIPAL" -> new int[] { 1966, 20 };
				case "SECTION_DEPUTY" -> new int[] { 1968, 23 };
				default -> new int[] { 1966, 34 };
			};
			LocalDate birth = LocalDate.of(born[0] + random.nextInt(born[1]), 1 + random.nextInt(12), 1 + random.nextInt(28));
			cadres.add(new Cadre(code(String.format("%05d", i + 1)), name(), gender, birth, rank, unit, idNumber(birth, gender, n++)));
		}
	}

	List<Cadre> ofRank(String rank) {
		return cadres.stream().filter(c -> c.rank().equals(rank)).toList();
	}

	List<Cadre> in(String unit, String... ranks) {
		List<String> wanted = List.of(ranks);
		return cadres.stream().filter(c -> c.unit().equals(unit) && wanted.contains(c.rank())).toList();
	}
}
