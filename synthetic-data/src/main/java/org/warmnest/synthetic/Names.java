package org.warmnest.synthetic;

import java.util.SplittableRandom;

/**
 * Chinese names as they are spread over the population: surnames by their share (Ministry of Public Security
 * household-register figures, rounded), given names from the characters parents chose in each generation.
 */
final class Names {

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                    + "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武";
    /** Per cent of the population, in the order of {@link #SURNAMES}. */
    private static final double[] SURNAME_SHARES = {
            7.12, 7.09, 6.61, 5.52, 4.62, 3.10, 2.24, 2.13, 2.00, 1.95, 1.57, 1.52, 1.44, 1.28, 1.24, 1.17, 1.14,
            1.05, 1.04, 0.99, 0.95, 0.89, 0.76, 0.71, 0.70, 0.65, 0.63, 0.61, 0.60, 0.58, 0.56, 0.54, 0.53, 0.51,
            0.50, 0.49, 0.48, 0.47, 0.46, 0.45, 0.44, 0.43, 0.42, 0.41, 0.40, 0.39, 0.38, 0.37, 0.36, 0.35, 0.34,
            0.33, 0.32, 0.31, 0.30, 0.29, 0.28, 0.27, 0.26, 0.25, 0.24, 0.23, 0.22, 0.21, 0.20, 0.19, 0.18, 0.17,
            0.16, 0.15, 0.15, 0.14, 0.14, 0.13, 0.13, 0.12, 0.12, 0.12, 0.11, 0.11, 0.11, 0.10, 0.10, 0.10, 0.10,
            0.09, 0.09, 0.09, 0.09, 0.09, 0.08, 0.08, 0.08, 0.07, 0.07};

    // Born before 1949: names of virtue, fortune and flowers.
    private static final String[] MEN_OLD = words(
            "德明 德福 福生 永福 文华 振华 树林 宝山 广才 有才 长林 玉林 金山 国栋 明德 春生 志远 绍清 洪亮 庆祥 世昌 "
                    + "守仁 家顺 德胜 万福 凤山 兆林 元亮 长贵 寿山 德才 连生 占魁 庆云 福全");
    // Born 1949-1966: the new republic, its campaigns and its hopes.
    private static final String[] MEN_NEW = words(
            "建国 建华 国庆 建军 卫国 卫东 援朝 跃进 国强 志强 建平 红军 向东 爱民 解放 新民 和平 振国 国华 永红 "
                    + "建新 胜利 学军 立新 国平 建成 庆丰 兴华 文明 建设 国良 志刚 光明 红兵 抗美");
    private static final String[] MEN_SINGLE = words("军 勇 强 斌 忠 林 华 明 伟 刚 平 福 贵 祥 山 全 发 海 成 良");
    private static final String[] WOMEN_OLD = words(
            "秀英 桂英 玉兰 桂兰 秀兰 玉珍 淑珍 凤英 桂芳 玉梅 秀珍 淑兰 凤兰 素珍 翠花 金凤 银花 桂香 秀芝 玉英 "
                    + "淑芬 兰英 春兰 月娥 桂珍 玉芬 秀云 惠珍 玉秀 凤琴");
    private static final String[] WOMEN_NEW = words(
            "红梅 秀华 建英 丽华 淑华 桂芝 玉华 红英 爱华 美华 秀梅 春梅 卫红 小红 国英 丽萍 素芬 志英 凤霞 秀琴 "
                    + "玉芳 桂琴 建华 翠英 桂荣 晓红 跃华 红霞 爱萍 新华");
    private static final String[] WOMEN_SINGLE = words("英 兰 芳 珍 华 红 梅 萍 霞 琴 秀 凤 娟 敏 荣 莲 菊");

    // Their children (born about 1950-1995) and grandchildren (about 1990-2020).
    private static final String[] SONS = words(
            "伟 军 强 勇 磊 涛 斌 杰 超 明 刚 建华 建军 志刚 海涛 晓东 建平 国华 永强 俊杰 文斌 海军 春雷 小龙 宏伟 "
                    + "建伟 志勇 晓明 卫东 红兵");
    private static final String[] DAUGHTERS = words(
            "芳 丽 敏 静 艳 娟 霞 燕 玲 红 丽娟 秀梅 海燕 晓燕 春燕 丽萍 红霞 晓丽 雪梅 美玲 小芳 彩霞 桂芳 丽琼 晓红");
    private static final String[] GRANDSONS = words("浩然 子轩 宇航 俊熙 浩宇 梓豪 一鸣 子豪 博文 天佑 宇轩 明轩 睿 宇 浩 鑫 俊杰 家豪");
    private static final String[] GRANDDAUGHTERS = words("子涵 欣怡 梓涵 诗涵 雨桐 可馨 梓萱 一诺 思琪 欣妍 佳怡 雨涵 婷 悦 雪 佳琪");

    private final Weighted<String> surnames;

    Names() {
        String[] items = SURNAMES.codePoints().mapToObj(Character::toString).toArray(String[]::new);
        surnames = new Weighted<>(items, SURNAME_SHARES);
    }

    String surname(SplittableRandom random) {
        return surnames.pick(random);
    }

    /** An elder's given name: mostly two characters, as was usual before the one-child generations. */
    String elderGivenName(SplittableRandom random, boolean female, int birthYear) {
        if (random.nextDouble() < 0.12) {
            return pick(random, female ? WOMEN_SINGLE : MEN_SINGLE);
        }
        boolean bornInTheRepublic = birthYear >= 1949 || (birthYear >= 1946 && random.nextBoolean());
        if (female) {
            return pick(random, bornInTheRepublic ? WOMEN_NEW : WOMEN_OLD);
        }
        return pick(random, bornInTheRepublic ? MEN_NEW : MEN_OLD);
    }

    String childGivenName(SplittableRandom random, boolean female) {
        return pick(random, female ? DAUGHTERS : SONS);
    }

    String grandchildGivenName(SplittableRandom random, boolean female) {
        return pick(random, female ? GRANDDAUGHTERS : GRANDSONS);
    }

    static <T> T pick(SplittableRandom random, T[] items) {
        return items[random.nextInt(items.length)];
    }

    private static String[] words(String spaced) {
        return spaced.split(" ");
    }
}
