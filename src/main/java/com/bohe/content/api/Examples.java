package com.bohe.content.api;

import java.util.Map;

/**
 * Example bodies for the contract, taken from the demo content. {@link ContractFilter} attaches each to the
 * 200 responses whose schema it names.
 */
public final class Examples {

    static final String ARTICLE_DETAIL = """
            {
              "id": 1,
              "slug": "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma",
              "title": "面瘫与面肌痉挛有什么关系吗",
              "summary": "面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。两者在发病机制、临床表现及治疗方式上存在明显差异,但均与面神经功能障碍相关。...",
              "body": "面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。两者在发病机制、...",
              "blocks": [
                {
                  "type": "paragraph",
                  "text": "面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。两者在发病机制、临床表现及治疗方式上存在明显差异,但均与面神经功能障碍相关。"
                }
              ],
              "status": "published",
              "publishedAt": "2025-03-12T08:00:00Z",
              "updatedAt": "2026-11-26T15:02:03.257756Z",
              "viewCount": 2690,
              "department": {
                "id": 2,
                "slug": "shen-jing-nei-ke",
                "name": "神经内科"
              },
              "diseases": [
                {
                  "id": 1,
                  "slug": "mian-tan",
                  "name": "面瘫"
                },
                {
                  "id": 2,
                  "slug": "bei-er-mian-tan",
                  "name": "贝尔面瘫"
                },
                {
                  "id": 3,
                  "slug": "mian-ji-jing-luan",
                  "name": "面肌痉挛"
                },
                {
                  "id": 7,
                  "slug": "bao-lu-xing-jiao-mo-yan",
                  "name": "暴露性角膜炎"
                }
              ],
              "reviewer": {
                "id": 1,
                "slug": "wang-jian-guo",
                "name": "王建国",
                "title": "主任医师",
                "hospitalName": "北京康华医院"
              },
              "tags": [
                "面瘫",
                "面肌痉挛",
                "面神经"
              ],
              "disclaimer": "医疗科普知识仅供参考,不作诊断依据;无行医资格切勿自行操作,若有不适请到医院就诊"
            }
            """;

    static final String PAGE_ARTICLE_SUMMARY = """
            {
              "items": [
                {
                  "id": 1,
                  "slug": "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma",
                  "title": "面瘫与面肌痉挛有什么关系吗",
                  "summary": "面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。两者在发病机制、临床表现及治疗方式上存在明显差异,但均与面神经功能障碍相关。...",
                  "viewCount": 2690,
                  "publishedAt": "2025-03-12T08:00:00Z",
                  "department": {
                    "id": 2,
                    "slug": "shen-jing-nei-ke",
                    "name": "神经内科"
                  },
                  "diseases": [
                    {
                      "id": 1,
                      "slug": "mian-tan",
                      "name": "面瘫"
                    },
                    {
                      "id": 2,
                      "slug": "bei-er-mian-tan",
                      "name": "贝尔面瘫"
                    },
                    {
                      "id": 3,
                      "slug": "mian-ji-jing-luan",
                      "name": "面肌痉挛"
                    },
                    {
                      "id": 7,
                      "slug": "bao-lu-xing-jiao-mo-yan",
                      "name": "暴露性角膜炎"
                    }
                  ]
                }
              ],
              "page": 0,
              "size": 1,
              "total": 24,
              "totalPages": 24
            }
            """;

    static final String DEPARTMENT_DETAIL = """
            {
              "id": 1,
              "slug": "nei-ke",
              "name": "内科",
              "parent": null,
              "children": [
                {
                  "id": 2,
                  "slug": "shen-jing-nei-ke",
                  "name": "神经内科"
                },
                {
                  "id": 3,
                  "slug": "xiao-hua-nei-ke",
                  "name": "消化内科"
                }
              ]
            }
            """;

    static final String PAGE_DEPARTMENT_SUMMARY = """
            {
              "items": [
                {
                  "id": 1,
                  "slug": "nei-ke",
                  "name": "内科",
                  "parent": null
                },
                {
                  "id": 2,
                  "slug": "shen-jing-nei-ke",
                  "name": "神经内科",
                  "parent": {
                    "id": 1,
                    "slug": "nei-ke",
                    "name": "内科"
                  }
                }
              ],
              "page": 0,
              "size": 2,
              "total": 12,
              "totalPages": 6
            }
            """;

    static final String DISEASE_DETAIL = """
            {
              "id": 1,
              "slug": "mian-tan",
              "name": "面瘫",
              "aliases": [
                "面神经麻痹",
                "面神经炎",
                "口眼歪斜"
              ],
              "department": {
                "id": 2,
                "slug": "shen-jing-nei-ke",
                "name": "神经内科"
              },
              "summary": "面瘫是以面部表情肌群运动功能障碍为主要表现的疾病，常见口角歪斜、眼睑闭合不全。",
              "overview": "面瘫分为中枢性面瘫和周围性面瘫，日常所说的面瘫多指周围性面瘫，一般症状是口眼歪斜，患者往往连最基本的抬眉、闭眼、鼓腮等动作都无法完成。",
              "symptoms": "单侧额纹消失、眼睑闭合不全、鼻唇沟变浅、口角向健侧歪斜，部分患者伴耳后疼痛、味觉减退或听觉过敏。",
              "causes": "常见病因包括病毒感染、面部受凉、外伤、中耳炎及颅内病变等，其中以病毒感染引起的面神经炎最为多见。",
              "diagnosis": "根据典型症状和体征可初步诊断，需通过肌电图评估神经损伤程度，必要时行头颅磁共振排除颅内病变。",
              "treatment": "急性期使用糖皮质激素减轻神经水肿，配合营养神经药物，病毒感染者联合抗病毒治疗；恢复期可辅以针灸、理疗和面部肌肉训练。",
              "prevention": "避免面部长时间吹冷风，注意劳逸结合，增强体质，出现面部不适时尽早就诊。"
            }
            """;

    static final String PAGE_DISEASE_SUMMARY = """
            {
              "items": [
                {
                  "id": 1,
                  "slug": "mian-tan",
                  "name": "面瘫",
                  "aliases": [
                    "面神经麻痹",
                    "面神经炎",
                    "口眼歪斜"
                  ],
                  "department": {
                    "id": 2,
                    "slug": "shen-jing-nei-ke",
                    "name": "神经内科"
                  },
                  "summary": "面瘫是以面部表情肌群运动功能障碍为主要表现的疾病，常见口角歪斜、眼睑闭合不全。"
                }
              ],
              "page": 0,
              "size": 1,
              "total": 10,
              "totalPages": 10
            }
            """;

    static final String DOCTOR_DETAIL = """
            {
              "id": 1,
              "slug": "wang-jian-guo",
              "name": "王建国",
              "title": "主任医师",
              "department": {
                "id": 2,
                "slug": "shen-jing-nei-ke",
                "name": "神经内科"
              },
              "hospital": {
                "id": 1,
                "slug": "bei-jing-kang-hua-yi-yuan",
                "name": "北京康华医院",
                "city": "北京"
              },
              "specialties": [
                {
                  "id": 1,
                  "slug": "mian-tan",
                  "name": "面瘫"
                },
                {
                  "id": 2,
                  "slug": "bei-er-mian-tan",
                  "name": "贝尔面瘫"
                },
                {
                  "id": 3,
                  "slug": "mian-ji-jing-luan",
                  "name": "面肌痉挛"
                }
              ],
              "bio": "从事神经内科临床工作三十余年，擅长周围性面瘫的早期规范治疗和面肌痉挛的综合评估。"
            }
            """;

    static final String PAGE_DOCTOR_SUMMARY = """
            {
              "items": [
                {
                  "id": 1,
                  "slug": "wang-jian-guo",
                  "name": "王建国",
                  "title": "主任医师",
                  "department": {
                    "id": 2,
                    "slug": "shen-jing-nei-ke",
                    "name": "神经内科"
                  },
                  "hospital": {
                    "id": 1,
                    "slug": "bei-jing-kang-hua-yi-yuan",
                    "name": "北京康华医院",
                    "city": "北京"
                  }
                }
              ],
              "page": 0,
              "size": 1,
              "total": 12,
              "totalPages": 12
            }
            """;

    static final String HOSPITAL_DETAIL = """
            {
              "id": 4,
              "slug": "guang-zhou-nan-hua-yi-yuan",
              "name": "广州南华医院",
              "level": "三级甲等",
              "category": "综合",
              "province": "广东",
              "city": "广州",
              "address": "广州市越秀区中山二路66号",
              "phone": "020-8761-3300",
              "departments": [
                {
                  "id": 1,
                  "slug": "nei-ke",
                  "name": "内科"
                },
                {
                  "id": 2,
                  "slug": "shen-jing-nei-ke",
                  "name": "神经内科"
                },
                {
                  "id": 3,
                  "slug": "xiao-hua-nei-ke",
                  "name": "消化内科"
                },
                {
                  "id": 9,
                  "slug": "er-bi-hou-ke",
                  "name": "耳鼻喉科"
                },
                {
                  "id": 10,
                  "slug": "yan-ke",
                  "name": "眼科"
                },
                {
                  "id": 11,
                  "slug": "kang-fu-yi-xue-ke",
                  "name": "康复医学科"
                }
              ],
              "intro": "广州南华医院是华南地区的区域医疗中心之一，耳鼻喉科在面神经减压和中耳疾病治疗方面经验丰富。"
            }
            """;

    static final String PAGE_HOSPITAL_SUMMARY = """
            {
              "items": [
                {
                  "id": 4,
                  "slug": "guang-zhou-nan-hua-yi-yuan",
                  "name": "广州南华医院",
                  "level": "三级甲等",
                  "category": "综合",
                  "province": "广东",
                  "city": "广州"
                }
              ],
              "page": 0,
              "size": 1,
              "total": 1,
              "totalPages": 1
            }
            """;

    static final String ARTICLE_VIEWS = """
            {
              "id": 1,
              "viewCount": 2691,
              "counted": true
            }
            """;

    static final String PAGE_POPULAR_ARTICLE = """
            {
              "items": [
                {
                  "recentViews": 1520,
                  "article": {
                    "id": 1,
                    "slug": "mian-tan-yu-mian-ji-jing-luan-you-shen-me-guan-xi-ma",
                    "title": "面瘫与面肌痉挛有什么关系吗",
                    "summary": "面瘫与面肌痉挛是两种不同的神经系统疾病,前者主要表现为面部肌肉运动功能丧失,后者以不自主肌肉抽搐为特征。两者在发病机制、临床表现及治疗方式上存在明显差异,但均与面神经功能障碍相关。...",
                    "viewCount": 4210,
                    "publishedAt": "2025-03-12T08:00:00Z",
                    "department": {
                      "id": 2,
                      "slug": "shen-jing-nei-ke",
                      "name": "神经内科"
                    },
                    "diseases": [
                      {
                        "id": 1,
                        "slug": "mian-tan",
                        "name": "面瘫"
                      }
                    ]
                  }
                }
              ],
              "page": 0,
              "size": 20,
              "total": 1,
              "totalPages": 1
            }
            """;

    static final String RELATED_ARTICLES = """
            {
              "items": [
                {
                  "id": 14,
                  "slug": "mian-tan-neng-dao-zhi-mian-ji-jing-luan-ma",
                  "title": "面瘫能导致面肌痉挛吗",
                  "summary": "面积痉挛,就是我们平常所熟悉的面部抽筋,面肌痉挛是指面部神经失调,造成面部肌肉不自觉地抽动...",
                  "viewCount": 1398,
                  "publishedAt": "2023-03-22T08:00:00Z",
                  "department": {
                    "id": 11,
                    "slug": "kang-fu-yi-xue-ke",
                    "name": "康复医学科"
                  },
                  "diseases": [
                    {
                      "id": 1,
                      "slug": "mian-tan",
                      "name": "面瘫"
                    },
                    {
                      "id": 3,
                      "slug": "mian-ji-jing-luan",
                      "name": "面肌痉挛"
                    }
                  ],
                  "score": 0.8123,
                  "reasons": ["同病种: 面瘫、面肌痉挛", "标题相似", "内容相关"]
                }
              ]
            }
            """;

    /** Schema name to example body. */
    static final String TOKEN_SUMMARY = """
            {
              "id": 2,
              "name": "editor-wang",
              "scopes": ["content:write", "content:read-drafts"],
              "createdAt": "2026-11-26T09:00:00Z",
              "createdBy": "admin",
              "expiresAt": null,
              "revokedAt": null,
              "lastUsedAt": "2026-11-26T09:12:00Z"
            }""";

    static final String PAGE_TOKEN_SUMMARY = """
            {
              "items": [%s],
              "page": 0,
              "size": 20,
              "total": 1,
              "totalPages": 1
            }""".formatted(TOKEN_SUMMARY);

    static final String NEW_TOKEN = """
            {
              "id": 2,
              "name": "editor-wang",
              "scopes": ["content:write", "content:read-drafts"],
              "expiresAt": null,
              "token": "cat_2_9mJ0cV1xQm0Yx3Jq8Zb7bQyWm2Vj8f0kQ1pS4rT6uW8"
            }""";

    static final String IMPORT_STATUS = """
            {
              "id": "0b7f6c2e-4d1a-4f0e-9a55-3c2f1e8d9b10",
              "status": "running",
              "linesRead": 1500,
              "created": 1480,
              "updated": 10,
              "unchanged": 8,
              "failed": 2,
              "articles": 1450,
              "embedded": 1210,
              "errors": [
                {"line": 17, "message": "diseases[0]: no disease has the slug mian-tann"},
                {"line": 902, "message": "is not valid JSON"}
              ],
              "message": null,
              "startedBy": "importer",
              "startedAt": "2026-11-26T09:00:00Z",
              "finishedAt": null
            }""";

    static final String WEBHOOK = """
            {
              "id": 3,
              "url": "https://hooks.example.com/content",
              "events": ["article.*", "import.finished"],
              "description": "Rebuild the static site",
              "lineEvents": false,
              "active": true,
              "createdAt": "2026-11-26T09:00:00Z",
              "updatedAt": "2026-11-26T09:00:00Z",
              "createdBy": "admin"
            }""";

    static final String PAGE_WEBHOOK = """
            {
              "items": [%s],
              "page": 0,
              "size": 20,
              "total": 1,
              "totalPages": 1
            }""".formatted(WEBHOOK);

    static final String NEW_WEBHOOK = """
            {
              "id": 3,
              "url": "https://hooks.example.com/content",
              "events": ["article.*", "import.finished"],
              "description": "Rebuild the static site",
              "lineEvents": false,
              "active": true,
              "createdAt": "2026-11-26T09:00:00Z",
              "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
            }""";

    static final String WEBHOOK_DELIVERY = """
            {
              "id": 41,
              "eventId": "5f0c1a2b-7d3e-4c8f-9a10-2b3c4d5e6f70",
              "eventType": "article.updated",
              "status": "pending",
              "attempts": 2,
              "nextAttemptAt": "2026-11-26T09:35:12Z",
              "lastAttemptAt": "2026-11-26T09:05:12Z",
              "lastStatus": 503,
              "lastError": "HTTP 503",
              "response": "Service Unavailable",
              "createdAt": "2026-11-26T09:05:00Z"
            }""";

    static final String PAGE_WEBHOOK_DELIVERY = """
            {
              "items": [%s],
              "page": 0,
              "size": 20,
              "total": 1,
              "totalPages": 1
            }""".formatted(WEBHOOK_DELIVERY);

    static final Map<String, String> BY_SCHEMA = Map.ofEntries(
            Map.entry("Webhook", WEBHOOK),
            Map.entry("PageWebhookSummary", PAGE_WEBHOOK),
            Map.entry("NewWebhook", NEW_WEBHOOK),
            Map.entry("WebhookDelivery", WEBHOOK_DELIVERY),
            Map.entry("PageDeliverySummary", PAGE_WEBHOOK_DELIVERY),
            Map.entry("ImportStatus", IMPORT_STATUS),
            Map.entry("TokenSummary", TOKEN_SUMMARY),
            Map.entry("PageTokenSummary", PAGE_TOKEN_SUMMARY),
            Map.entry("NewToken", NEW_TOKEN),
            Map.entry("ArticleDetail", ARTICLE_DETAIL),
            Map.entry("PageArticleSummary", PAGE_ARTICLE_SUMMARY),
            Map.entry("ArticleListPage", PAGE_ARTICLE_SUMMARY),
            Map.entry("DepartmentDetail", DEPARTMENT_DETAIL),
            Map.entry("PageDepartmentSummary", PAGE_DEPARTMENT_SUMMARY),
            Map.entry("DiseaseDetail", DISEASE_DETAIL),
            Map.entry("PageDiseaseSummary", PAGE_DISEASE_SUMMARY),
            Map.entry("DoctorDetail", DOCTOR_DETAIL),
            Map.entry("PageDoctorSummary", PAGE_DOCTOR_SUMMARY),
            Map.entry("HospitalDetail", HOSPITAL_DETAIL),
            Map.entry("PageHospitalSummary", PAGE_HOSPITAL_SUMMARY),
            Map.entry("ArticleViews", ARTICLE_VIEWS),
            Map.entry("PagePopularArticle", PAGE_POPULAR_ARTICLE),
            Map.entry("RelatedArticles", RELATED_ARTICLES));

    private Examples() {
    }
}
