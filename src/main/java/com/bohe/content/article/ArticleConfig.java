package com.bohe.content.article;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "content.articles")
public interface ArticleConfig {

    /** The site-wide 温馨提示, included in every article detail. */
    @WithDefault("医疗科普知识仅供参考,不作诊断依据;无行医资格切勿自行操作,若有不适请到医院就诊")
    String disclaimer();
}
