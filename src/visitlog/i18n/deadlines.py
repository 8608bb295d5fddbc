"""Messages about deadline phrases: actions that read as already done, calendars not yet published."""

MESSAGES = {
    "past-action": {
        "en": "action reads like something already done ('{phrase}'): '{text}' — "
              "tick it off with [x], or write when it is due",
        "zh": "待办读起来像已经做过的事（'{phrase}'）：'{text}'——已完成请改为 [x]，否则请写明期限",
    },
    "past-next": {
        "en": "next contact lies in the past ('{phrase}'): '{text}' (write a date to come)",
        "zh": "下次联系的时间已经过去（'{phrase}'）：'{text}'（请写一个之后的日期）",
    },
    "calendar-beyond": {
        "en": "'{phrase}' counts working days in {year}, whose official holidays for region {region} "
              "are not known yet: Monday–Friday was used, the date may move",
        "zh": "'{phrase}' 按 {year} 年的工作日计算，但 {region} 地区该年的法定节假日（调休）尚未公布："
              "暂按周一至周五计，日期可能变动",
    },
}
