-- Rules: every threshold Banzi applies, versioned, cited, overridable for a subtree.

CREATE TABLE rule_definition (
    key         VARCHAR(64) PRIMARY KEY,
    comparison  VARCHAR(16) NOT NULL CHECK (comparison IN ('AT_LEAST', 'AT_MOST', 'MORE_THAN', 'LESS_THAN')),
    measure     VARCHAR(16) NOT NULL CHECK (measure IN ('SESSIONS', 'HOURS', 'CHARACTERS', 'YEARS', 'DAYS',
                                                      'WORKING_DAYS', 'SHARE', 'MONTH_DAY', 'COUNT', 'PERSONS', 'TERMS')),
    applies_kind VARCHAR(16) NOT NULL CHECK (applies_kind IN ('UNIT_TYPE', 'RANK_LEVEL', 'ALL')),
    sort_order  INT NOT NULL
);

CREATE TABLE rule_value (
    id              BIGSERIAL PRIMARY KEY,
    rule_key        VARCHAR(64) NOT NULL REFERENCES rule_definition (key),
    -- a unit type (TOWNSHIP), a rank level (COUNTY_LEVEL) or ALL, according to the rule's applies_kind
    applies_to      VARCHAR(32) NOT NULL,
    -- NULL: the county-wide default; otherwise an override for that unit's subtree
    unit_id         BIGINT REFERENCES org_unit (id),
    value           NUMERIC(18, 6) NOT NULL CHECK (value >= 0),
    -- for shares written as fractions (1/7): the rule's value is value / denominator
    denominator     NUMERIC(18, 6) NOT NULL DEFAULT 1 CHECK (denominator > 0),
    effective_from  DATE NOT NULL,
    effective_to    DATE,
    source_title    VARCHAR(300) NOT NULL,
    source_article  VARCHAR(100) NOT NULL DEFAULT '',
    note            VARCHAR(500) NOT NULL DEFAULT '',
    created_by      VARCHAR(64) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT rule_value_dates CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX rule_value_lookup_idx ON rule_value (rule_key, applies_to, unit_id, effective_from);
-- one version starts on a given day for a given rule, target and unit
CREATE UNIQUE INDEX rule_value_version_uk ON rule_value (rule_key, applies_to, COALESCE(unit_id, 0), effective_from);

INSERT INTO rule_definition (key, comparison, measure, applies_kind, sort_order) VALUES
    ('study.group.sessions',            'AT_LEAST', 'SESSIONS',     'UNIT_TYPE', 10),
    ('study.group.hours',               'AT_LEAST', 'HOURS',        'UNIT_TYPE', 20),
    ('study.self.sessions',             'AT_LEAST', 'SESSIONS',     'UNIT_TYPE', 30),
    ('study.self.hours',                'AT_LEAST', 'HOURS',        'UNIT_TYPE', 40),
    ('study.notes.chars',               'AT_LEAST', 'CHARACTERS',   'UNIT_TYPE', 50),
    ('training.hours.perYear',          'AT_LEAST', 'HOURS',        'RANK_LEVEL', 110),
    ('training.hours.perFiveYears',     'AT_LEAST', 'HOURS',        'RANK_LEVEL', 120),
    ('training.absence.maxShare',       'AT_MOST',  'SHARE',        'ALL', 130),
    ('training.makeUp.years',           'AT_MOST',  'YEARS',        'ALL', 140),
    ('tenure.samePost.years',           'LESS_THAN', 'YEARS',       'ALL', 210),
    ('tenure.keyPost.years',            'LESS_THAN', 'YEARS',       'ALL', 220),
    ('tenure.sameLevel.years',          'LESS_THAN', 'YEARS',       'ALL', 230),
    ('tenure.samePost.terms',           'LESS_THAN', 'TERMS',       'ALL', 240),
    ('tenure.term.years',               'AT_MOST',  'YEARS',        'ALL', 250),
    ('personalMatters.deadline',        'AT_MOST',  'MONTH_DAY',    'RANK_LEVEL', 310),
    ('personalMatters.newCadre.days',   'AT_MOST',  'DAYS',         'RANK_LEVEL', 320),
    ('personalMatters.randomCheck.share', 'AT_LEAST', 'SHARE',      'ALL', 330),
    ('lifeMeeting.perYear',             'AT_LEAST', 'COUNT',        'ALL', 410),
    ('lifeMeeting.quorum.share',        'AT_LEAST', 'SHARE',        'ALL', 420),
    ('lifeMeeting.topic.daysBefore',    'AT_LEAST', 'DAYS',         'ALL', 430),
    ('wedding.report.workingDaysBefore', 'AT_LEAST', 'WORKING_DAYS', 'ALL', 510),
    ('wedding.report.workingDaysAfter', 'AT_MOST',  'WORKING_DAYS', 'ALL', 520),
    ('wedding.guests.max',              'AT_MOST',  'PERSONS',      'ALL', 530),
    ('assessment.excellent.maxShare',   'AT_MOST',  'SHARE',        'ALL', 610);

-- Defaults from DOMAIN.md ("Rules the system applies"); a county replaces them with its own, from a date.
INSERT INTO rule_value (rule_key, applies_to, value, denominator, effective_from, source_title, source_article, note, created_by) VALUES
    ('study.group.sessions', 'COUNTY_COMMITTEE', 13, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '本县规定：每年集中学习13次', 'system'),
    ('study.group.sessions', 'TOWNSHIP',         13, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '本县规定：乡镇党委中心组每年集中学习13次', 'system'),
    ('study.group.hours',    'COUNTY_COMMITTEE', 100, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '有效学时100小时以上', 'system'),
    ('study.group.hours',    'TOWNSHIP',         100, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '', 'system'),
    ('study.self.sessions',  'TOWNSHIP',         80, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '人均自学80次', 'system'),
    ('study.self.hours',     'COUNTY_COMMITTEE', 280, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '人均自学280小时', 'system'),
    ('study.self.hours',     'TOWNSHIP',         160, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '人均自学160小时', 'system'),
    ('study.notes.chars',    'COUNTY_COMMITTEE', 20000, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '人均学习笔记2万字以上', 'system'),
    ('study.notes.chars',    'TOWNSHIP',         15000, 1, DATE '2000-01-01', '县委理论学习中心组年度学习计划', '', '人均学习笔记1.5万字', 'system'),
    ('training.hours.perYear',      'SECTION_LEVEL_AND_BELOW', 90, 1, DATE '2000-01-01', '干部教育培训工作条例（2023年）', '第十四条', '或累计12天', 'system'),
    ('training.hours.perFiveYears', 'COUNTY_LEVEL',            550, 1, DATE '2000-01-01', '干部教育培训工作条例（2023年）', '第十四条', '或累计3个月', 'system'),
    ('training.absence.maxShare',   'ALL', 1, 7, DATE '2000-01-01', '干部教育培训工作条例（2023年）', '', '缺课超过总学时七分之一不予结业', 'system'),
    ('training.makeUp.years',       'ALL', 1, 1, DATE '2000-01-01', '干部教育培训工作条例（2023年）', '', '提拔时未达到培训要求的，一年内补训', 'system'),
    ('tenure.samePost.years',       'ALL', 10, 1, DATE '2000-01-01', '党政领导干部选拔任用工作条例', '第五十四条', '同一职位任职满10年应当交流', 'system'),
    ('tenure.keyPost.years',        'ALL', 5, 1, DATE '2000-01-01', '省级实施办法（关键岗位交流）', '', '组织、人事、财务、审计、公安、纪检等关键岗位任职满5年交流', 'system'),
    ('tenure.sameLevel.years',      'ALL', 15, 1, DATE '2000-01-01', '党政领导干部职务任期暂行规定', '', '同一层级职务任职满15年的不再推荐提名', 'system'),
    ('tenure.samePost.terms',       'ALL', 2, 1, DATE '2000-01-01', '党政领导干部职务任期暂行规定', '', '同一职位连续任职两个任期的不再推荐提名', 'system'),
    ('tenure.term.years',           'ALL', 5, 1, DATE '2000-01-01', '党政领导干部职务任期暂行规定', '', '每个任期5年', 'system'),
    ('personalMatters.deadline',    'COUNTY_LEVEL', 131, 1, DATE '2000-01-01', '领导干部报告个人有关事项规定（2017年）', '', '每年1月31日前报告', 'system'),
    ('personalMatters.newCadre.days', 'COUNTY_LEVEL', 30, 1, DATE '2000-01-01', '领导干部报告个人有关事项规定（2017年）', '', '新任职30日内报告', 'system'),
    ('personalMatters.randomCheck.share', 'ALL', 10, 100, DATE '2000-01-01', '领导干部个人有关事项报告查核结果处理办法', '', '每年按10%比例随机抽查', 'system'),
    ('lifeMeeting.perYear',          'ALL', 2, 1, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '本县规定每半年召开一次', 'system'),
    ('lifeMeeting.quorum.share',     'ALL', 2, 3, DATE '2000-01-01', '县以上党和国家机关党员领导干部民主生活会若干规定（2016年）', '', '到会成员须达三分之二以上', 'system'),
    ('lifeMeeting.topic.daysBefore', 'ALL', 15, 1, DATE '2000-01-01', '省级实施细则', '', '会前15天报告主题', 'system'),
    ('wedding.report.workingDaysBefore', 'ALL', 10, 1, DATE '2000-01-01', '本县操办婚丧喜庆事宜规定', '', '事前10个工作日报告', 'system'),
    ('wedding.report.workingDaysAfter',  'ALL', 10, 1, DATE '2000-01-01', '本县操办婚丧喜庆事宜规定', '', '事后10个工作日内报告', 'system'),
    ('wedding.guests.max',               'ALL', 200, 1, DATE '2000-01-01', '本县操办婚丧喜庆事宜规定', '', '不超过200人（20桌）', 'system'),
    ('assessment.excellent.maxShare',    'ALL', 15, 100, DATE '2000-01-01', '党政领导干部考核工作条例（2019年）', '', '优秀等次比例一般不超过15%', 'system');
